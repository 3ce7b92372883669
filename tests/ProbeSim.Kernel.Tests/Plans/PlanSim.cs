using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Tests.Plans;

/// <summary>Boots a small DTS with hand-made driver specs (probe plans written from the real drivers' source).</summary>
internal static class PlanSim
{
    public static BootResult Boot(string dts, IEnumerable<DriverSpec> drivers, IEnumerable<EarlyEntry>? early = null, string profile = "debian-6.1")
    {
        var tree = DtsCompiler.Compile(dts, "test.dts", new DtsCompileOptions()).Tree;
        var set = new DriverSet
        {
            Name = "test",
            Drivers = drivers.ToList(),
            EarlyTables = (early ?? Array.Empty<EarlyEntry>()).ToList(),
            Modules = true,
        };
        return new Kernel.Boot.Kernel(tree, ProfileLibrary.Default.Get(profile), set, board: "test.dts").Boot();
    }

    /// <summary>A built-in platform driver without a plan (the generic probe).</summary>
    public static DriverSpec Generic(string name, params string[] compatibles) => new() { Name = name, Compatibles = compatibles };

    public static DriverSpec WithPlan(this DriverSpec spec, params PlanStep[] steps) =>
        spec with { Plan = new ProbePlan(spec.Name, steps, steps.All(s => s.Kind != PlanStepKind.Unknown)) };

    static SourceLine At(string fileLine)
    {
        int colon = fileLine.LastIndexOf(':');
        return new SourceLine(fileLine[..colon], int.Parse(fileLine[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static PlanStep Request(PlanResource res, PlanLookup lookup, PlanPolicy policy, string at, string? name = null, int? index = null, string? message = null) =>
        new() { Kind = PlanStepKind.Request, Resource = res, Lookup = lookup, Policy = policy, Name = name, Index = index, Message = message is null ? null : new PlanMessage(PlanMessageKind.DevErrProbe, message), Source = At(at) };

    public static PlanStep Children(ChildKind kind, string at, string? name = null, string? compatible = null, string? nodeName = null, int? id = null) =>
        new() { Kind = PlanStepKind.Children, Child = kind, Name = name, Compatible = compatible, NodeName = nodeName, Index = id, Source = At(at) };

    public static PlanStep Unknown(string why, string at) => new() { Kind = PlanStepKind.Unknown, Message = PlanMessage.Note(why), Source = At(at) };

    public static PlanStep Defer(string at, string? message = null) => new() { Kind = PlanStepKind.Defer, Message = message is null ? null : new PlanMessage(PlanMessageKind.DevErrProbe, message), Source = At(at) };
}
