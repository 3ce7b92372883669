using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Checking.Tests.Explain;

/// <summary>explain says which facts its answer rests on: a driver's probe plan, or the generic probe's guess.</summary>
public class ExplainBasisTests
{
    // a consumer with a plan waits on a clock controller that itself waits on a clock nobody provides
    static readonly string Dts = Scenario.Soc("""
        osc: osc@100 { compatible = "acme,osc"; reg = <0x100 0x10>; #clock-cells = <0>; };
        cc: clock-controller@1000 { compatible = "acme,cc"; reg = <0x1000 0x100>; #clock-cells = <1>; clocks = <&osc>; };
        mmc@2000 { compatible = "acme,mmc"; reg = <0x2000 0x100>; clocks = <&cc 3>; clock-names = "biu"; };
        """);

    static (ProbeSim.Kernel.Boot.Kernel, BootResult) Boot(bool ccPlan)
    {
        var mmc = new DriverSpec { Name = "acme-mmc", Compatibles = new[] { "acme,mmc" } };
        var step = new PlanStep { Kind = PlanStepKind.Request, Resource = PlanResource.Clock, Lookup = PlanLookup.Name, Name = "biu",
            Policy = PlanPolicy.Required, Message = new PlanMessage(PlanMessageKind.DevErrProbe, "biu clock not found"), Source = new SourceLine("drivers/mmc/host/example.c", 10) };
        mmc = mmc with { Plan = new ProbePlan("acme-mmc", new[] { step }, true) };
        var cc = new DriverSpec { Name = "acme-cc", Compatibles = new[] { "acme,cc" } };
        if (ccPlan)
            cc = cc with { Plan = new ProbePlan("acme-cc", new[] { step with { Name = null, Lookup = PlanLookup.Index, Index = 0, Message = null } }, true) };
        var set = new DriverSet { Name = "test", Drivers = new[] { cc, mmc } };
        var kernel = new ProbeSim.Kernel.Boot.Kernel(Scenario.Tree(Dts), ProfileLibrary.Default.Get("debian-6.1"), set, board: "test.dts");
        return (kernel, kernel.Boot());
    }

    [Fact]
    public void A_deferral_through_a_guessed_supplier_says_the_answer_rests_on_that_guess()
    {
        var (k, r) = Boot(ccPlan: false);
        var e = Explainer.Explain(k, r, "2000.mmc");
        Assert.Equal("deferred", e.State);
        // the consumer's own plan is complete, but it waits on a device link to a supplier whose outcome is a guess
        Assert.Equal("1000.clock-controller", r.Devices.Single(d => d.Name == "2000.mmc").BasisFrom);
        Assert.Equal(OutcomeBasis.Guessed, e.Basis);
        Assert.Equal(["guess: 2000.mmc waits for 1000.clock-controller, whose outcome is a guess",
            "guess: no probe plan for driver acme-cc (1000.clock-controller)"], e.BasisLines.Texts());
        var text = new StringWriter();
        ProbeSim.Reports.Explain.ExplanationText.Write(text, e);
        Assert.Contains("  basis: guessed\n    guess: 2000.mmc waits for 1000.clock-controller, whose outcome is a guess\n" +
            "    guess: no probe plan for driver acme-cc (1000.clock-controller)\n", text.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void When_every_driver_on_the_chain_has_a_plan_the_answer_is_modelled()
    {
        var (k, r) = Boot(ccPlan: true);
        var e = Explainer.Explain(k, r, "2000.mmc");
        Assert.Equal("modelled: the probe plan (or script) of driver acme-mmc and the modelled outcomes of its suppliers", Assert.Single(e.BasisLines).Text());
        var json = ProbeSim.Reports.Json.ExplanationJsonWriter.ToJson(e, "test.dts", "debian-6.1");
        Assert.Contains("\"basis\": \"modelled\"", json);
    }

    [Fact]
    public void The_guessed_device_itself_says_guess()
    {
        var (k, r) = Boot(ccPlan: false);
        var e = Explainer.Explain(k, r, "1000.clock-controller");
        Assert.Equal(OutcomeBasis.Guessed, e.Basis);
        Assert.Equal("guess: no probe plan for driver acme-cc", e.BasisLines[0].Text());
    }
}

/// <summary>explain of a device whose only matching driver rejected it (call_driver_probe "rejects match").</summary>
public class ExplainRejectedMatchTests
{
    [Fact]
    public void A_simple_mfd_that_is_not_the_first_compatible_has_no_driver_because_simple_pm_bus_rejects_it()
    {
        // drivers/bus/simple-pm-bus.c:40-45 returns -ENODEV; drivers/base/dd.c:568-571 "rejects match" (debug only)
        var tree = Scenario.Tree(Scenario.Soc("""
            syscon@ff770000 { compatible = "rockchip,rk3399-grf", "syscon", "simple-mfd"; reg = <0xff770000 0x10000>; };
            """));
        // no driver for the GRF: only the implicit simple-pm-bus (v5.16+) matches it, through "simple-mfd"
        var k = new ProbeSim.Kernel.Boot.Kernel(tree, ProfileLibrary.Default.Get("debian-6.1"), new DriverSet { Name = "none" }, board: "test.dts");
        var r = k.Boot();
        var e = Explainer.Explain(k, r, "ff770000.syscon");
        Assert.Equal("no-driver", e.State);
        Assert.Equal("ff770000.syscon has no driver: probe with driver simple-pm-bus rejects match -19 (ENODEV); the device stays without a driver", e.SummaryText().Split("; root cause")[0]);
    }
    [Fact]
    public void A_primecell_whose_id_only_the_hardware_knows_has_no_driver_and_a_guessed_answer()
    {
        // amba_match reads the periphid from the registers (drivers/amba/bus.c:213-226); without
        // arm,primecell-periphid in the node the model cannot tell which id-matched driver takes it
        var dts = Scenario.Soc("""
            qmp: power-controller@c300000 { compatible = "qcom,aoss-qmp"; reg = <0xc300000 0x400>; #clock-cells = <0>; };
            stm@6002000 { compatible = "arm,coresight-stm", "arm,primecell"; reg = <0x6002000 0x1000>; clocks = <&qmp>; clock-names = "apb_pclk"; };
            """);
        var set = new DriverSet { Name = "test", Drivers = new[]
        {
            new DriverSpec { Name = "qcom_aoss_qmp", Compatibles = new[] { "qcom,aoss-qmp" } },
            new DriverSpec { Name = "uart-pl011", Bus = DriverBus.Amba, AmbaIds = [new AmbaId(0x00041011, 0x000fffff)] },
        } };
        var kernel = new ProbeSim.Kernel.Boot.Kernel(Scenario.Tree(dts), ProfileLibrary.Default.Get("debian-6.1"), set, board: "test.dts");
        var e = Explainer.Explain(kernel, kernel.Boot(), "6002000.stm");
        Assert.Equal(("no-driver", OutcomeBasis.Guessed), (e.State, e.Basis));
        Assert.Contains(e.BasisLines.Texts(), l => l.StartsWith("guess: the AMBA periphid is read from the device's registers", StringComparison.Ordinal));
    }
}
