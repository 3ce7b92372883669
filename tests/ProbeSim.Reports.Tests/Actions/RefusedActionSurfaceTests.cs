using System.Runtime.InteropServices;
using System.Text.Json;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Reports.Actions;
using ProbeSim.Reports.Explain;
using ProbeSim.Reports.Html;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Log;
using ProbeSim.Reports.Text;
using ProbeSim.Reports.Tests.Html;

namespace ProbeSim.Reports.Tests.Actions;

/// <summary>
/// A refused user action shows wherever people look: the JSON <c>actions</c>, the device table, the log, <c>explain</c>
/// and the HTML report (issue 15, item 5). The facts come from the kernel source (Linux v6.1), the words user space prints
/// from the tools that print them (glibc's strerror, bash's echo, QEMU v6.2.0 hw/vfio/common.c).
/// </summary>
public class RefusedActionSurfaceTests
{
    private static readonly (ProbeSim.Kernel.Boot.Kernel Kernel, BootResult Result) Booted = RefusedVfio.Boot();
    private static BootResult R => Booted.Result;
    private static ActionOutcome SetContainer => RefusedVfio.Action(R, UserActionKind.VfioSetContainer, "0000:01:00.1");
    private static ActionOutcome BadBind => R.Actions.Single(x => x.Kind == UserActionKind.Bind && x.Argument == "e1000e");
    private static ActionOutcome Unbind => RefusedVfio.Action(R, UserActionKind.Unbind, "0000:00:00.0");

    // v6.1: iommu_group_claim_dma_owner returns -EPERM while e1000e counts in owner_cnt (drivers/iommu/iommu.c:3181-3183),
    // from vfio_container_attach_group (drivers/vfio/container.c:446-450); EPERM is 1 (include/uapi/asm-generic/errno-base.h)
    private const string NotViable = "group 1 is not viable: 0000:01:00.0 is bound to e1000e, a kernel DMA-API driver";

    [Fact]
    public void Json_actions_carry_the_errno_by_name_and_the_reason_with_the_group_mates_and_their_drivers()
    {
        using var doc = JsonDocument.Parse(BootJsonWriter.ToJson(R));
        Assert.Equal("probesim-boot/1", doc.RootElement.GetProperty("schema").GetString());
        var actions = doc.RootElement.GetProperty("actions").EnumerateArray().ToList();
        var set = actions.Single(a => a.GetProperty("action").GetString() == "vfio-set-container 0000:01:00.1");
        Assert.Equal(-1, set.GetProperty("result").GetInt32());
        Assert.Equal("EPERM", set.GetProperty("errno").GetString());
        Assert.Equal("vfio.yaml:16:5", set.GetProperty("origin").GetString());
        Assert.Equal("0000:01:00.1", set.GetProperty("device").GetString());
        var reason = set.GetProperty("reason");
        Assert.Equal("group-not-viable", reason.GetProperty("kind").GetString());
        Assert.Equal(1, reason.GetProperty("group").GetInt32());
        Assert.Equal(NotViable, reason.GetProperty("text").GetString());
        var mate = Assert.Single(reason.GetProperty("devices").EnumerateArray());
        Assert.Equal(("0000:01:00.0", "e1000e"), (mate.GetProperty("device").GetString(), mate.GetProperty("driver").GetString()));

        // bind_store: driver_match_device fails, -ENODEV (v6.1 drivers/base/bus.c:210-213); ENODEV is 19
        var bind = actions.Single(a => a.GetProperty("action").GetString() == "bind 0000:01:00.1 e1000e");
        Assert.Equal((-19, "ENODEV", "driver-does-not-match", "e1000e"), (bind.GetProperty("result").GetInt32(), bind.GetProperty("errno").GetString(),
            bind.GetProperty("reason").GetProperty("kind").GetString(), bind.GetProperty("reason").GetProperty("driver").GetString()));

        // what succeeded has no errno and no reason
        var ok = actions.Single(a => a.GetProperty("action").GetString() == "bind 0000:01:00.1 vfio-pci");
        Assert.Equal((0, JsonValueKind.Null, JsonValueKind.Null), (ok.GetProperty("result").GetInt32(), ok.GetProperty("errno").ValueKind, ok.GetProperty("reason").ValueKind));
    }

    [Fact]
    public void The_plain_table_has_a_line_under_the_device_naming_the_refused_action_and_why()
    {
        var lines = DeviceTable.FormatPlain(R.Devices.Where(d => d.State != DeviceState.NotPresent).ToList()).Split('\n');
        int row = Array.FindIndex(lines, l => l.StartsWith("0000:01:00.1 ", StringComparison.Ordinal));
        Assert.True(row > 0);
        Assert.Equal($"  ! refused: vfio-set-container at {SimTime.Seconds(SetContainer.TimeUs)} s: -1 EPERM, {NotViable}", lines[row + 1]);
        Assert.Equal($"  ! refused: bind e1000e at {SimTime.Seconds(BadBind.TimeUs)} s: -19 ENODEV, driver e1000e does not match the device", lines[row + 2]);
        // unbind of a device without a driver: no driver link, so no .../driver/unbind file (ENOENT is 2)
        int bridge = Array.FindIndex(lines, l => l.StartsWith("0000:00:00.0 ", StringComparison.Ordinal));
        Assert.Equal($"  ! refused: unbind at {SimTime.Seconds(Unbind.TimeUs)} s: -2 ENOENT, the device has no driver", lines[bridge + 1]);
        // the device the refusal names gets no line: it refused nothing
        int mate = Array.FindIndex(lines, l => l.StartsWith("0000:01:00.0 ", StringComparison.Ordinal));
        Assert.False(lines[mate + 1].StartsWith("  !", StringComparison.Ordinal));
    }

    [Fact]
    public void The_tree_view_has_the_same_line_under_the_device()
    {
        var lines = DeviceTreeView.FormatPlain(R.Devices.Where(d => d.State != DeviceState.NotPresent).ToList()).Split('\n');
        int row = Array.FindIndex(lines, l => l.Contains("0000:01:00.1 [vfio-pci] bound", StringComparison.Ordinal));
        Assert.EndsWith($"  ! refused: vfio-set-container at {SimTime.Seconds(SetContainer.TimeUs)} s: -1 EPERM, {NotViable}", lines[row + 1], StringComparison.Ordinal);
        Assert.DoesNotContain("├", lines[row + 1][^60..], StringComparison.Ordinal);
    }

    [Fact]
    public void The_spectre_table_shows_the_refused_action_under_the_device()
    {
        using var writer = new StringWriter();
        DeviceTable.Write(TestConsoles.Create(writer, colour: false, width: 400), R.Devices.Where(d => d.State != DeviceState.NotPresent).ToList());
        var lines = writer.ToString().Split('\n');
        int row = Array.FindIndex(lines, l => l.Contains("0000:01:00.1 ", StringComparison.Ordinal));
        Assert.Contains($"! refused: vfio-set-container at {SimTime.Seconds(SetContainer.TimeUs)} s: -1 EPERM, {NotViable}", lines[row + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_shows_what_user_space_printed_marked_as_user_space_after_the_kernel_lines_of_that_moment()
    {
        var lines = BootLog.Lines(R.Log, R.Actions);
        var at = RefusedVfio.Stamp(SetContainer);
        // the kernel prints nothing (container.c:427-477 has no printk), so every line of that moment is user space:
        // the ioctl's strerror(EPERM) as glibc words it, then what QEMU prints for a group without VFIO_GROUP_FLAGS_VIABLE
        // (QEMU v6.2.0 hw/vfio/common.c:2333-2337, prefixed "vfio %s: " by VFIO_MSG_PREFIX, include/hw/vfio/vfio-common.h:34)
        Assert.Equal(new[]
        {
            $"{at} (user space) /dev/vfio/1: VFIO_GROUP_SET_CONTAINER: Operation not permitted",
            $"{at} (user space) qemu: vfio 0000:01:00.1: group 1 is not viable",
            $"{at} (user space) qemu: Please ensure all devices within the iommu_group are bound to their vfio bus driver.",
        }, lines.Where(l => l.StartsWith(at, StringComparison.Ordinal)));
        // bind_store is silent too: bash's echo reports strerror(ENODEV) as "write error: %s" (bash builtins/common.c, sh_wrerror)
        Assert.Contains($"{RefusedVfio.Stamp(BadBind)} (user space) echo 0000:01:00.1 > /sys/bus/pci/drivers/e1000e/bind: write error: No such device", lines);
        // ENOENT comes from opening a file that is not there: bash names the file, not a write error
        Assert.Contains($"{RefusedVfio.Stamp(Unbind)} (user space) echo 0000:00:00.0 > /sys/bus/pci/devices/0000:00:00.0/driver/unbind: No such file or directory", lines);
        // kernel lines keep their place: the user-space lines come after every kernel line before them
        int first = lines.ToList().FindIndex(l => l.Contains("(user space)", StringComparison.Ordinal));
        Assert.All(R.Log.Where(l => l.TimeUs < SetContainer.TimeUs && l.Level <= LogLevel.Info),
            l => Assert.True(lines.ToList().IndexOf(DmesgFormatter.FormatLine(l)) < first));
        Assert.DoesNotContain(R.Log, l => l.Text.Contains("(user space)", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_level_filter_and_raw_levels_still_show_the_user_space_lines_without_a_kernel_level()
    {
        var lines = BootLog.Lines(R.Log, R.Actions, new DmesgOptions { MinimumLevel = LogLevel.Err, RawLevels = true });
        Assert.Contains($"{RefusedVfio.Stamp(SetContainer)} (user space) /dev/vfio/1: VFIO_GROUP_SET_CONTAINER: Operation not permitted", lines);
    }

    [Fact]
    public void Explain_names_the_group_mates_and_their_drivers_that_make_the_group_not_viable()
    {
        var e = Explainer.Explain(Booted.Kernel, R, "0000:01:00.1");
        Assert.Equal(new[] { SetContainer, BadBind }, e.RefusedActions);
        using var w = new StringWriter();
        ExplanationText.Write(w, e);
        var text = w.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("user actions the kernel refused:\n" +
            $"  vfio-set-container at {SimTime.Seconds(SetContainer.TimeUs)} s (vfio.yaml:16:5): -1 EPERM (Operation not permitted)\n" +
            $"    why: {NotViable}\n" +
            "    fix: unbind 0000:01:00.0, or bind it to vfio-pci or pci-stub, then try again\n" +
            $"    {RefusedVfio.Stamp(SetContainer)} (user space) /dev/vfio/1: VFIO_GROUP_SET_CONTAINER: Operation not permitted\n", text, StringComparison.Ordinal);

        // the group-mate's explanation says which refusal it caused
        var mate = Explainer.Explain(Booted.Kernel, R, "0000:01:00.0");
        Assert.Equal(SetContainer, Assert.Single(mate.BlockedActions));
        using var m = new StringWriter();
        ExplanationText.Write(m, mate);
        Assert.Contains($"user actions refused because of this device:\n  0000:01:00.1: vfio-set-container at {SimTime.Seconds(SetContainer.TimeUs)} s: -1 EPERM, {NotViable}",
            m.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_json_carries_the_refused_and_the_blocked_actions()
    {
        using var doc = JsonDocument.Parse(ExplanationJsonWriter.ToJson(Explainer.Explain(Booted.Kernel, R, "0000:01:00.1"), "vfio.dts", "v6.1"));
        var set = doc.RootElement.GetProperty("refusedActions").EnumerateArray().First();
        Assert.Equal(("EPERM", "group-not-viable"), (set.GetProperty("errno").GetString(), set.GetProperty("reason").GetProperty("kind").GetString()));
        using var mate = JsonDocument.Parse(ExplanationJsonWriter.ToJson(Explainer.Explain(Booted.Kernel, R, "0000:01:00.0"), "vfio.dts", "v6.1"));
        Assert.Equal("vfio-set-container 0000:01:00.1", Assert.Single(mate.RootElement.GetProperty("blockedActions").EnumerateArray()).GetProperty("action").GetString());
    }

    [Fact]
    public void The_html_payload_has_the_refused_action_on_the_device_and_the_blocked_one_on_its_group_mate()
    {
        var html = HtmlReport.ToText(w => HtmlReport.WriteBoot(w, BootReportData.Create(Booted.Kernel, R)));
        using var doc = ReportHtml.Payload(html);
        var nodes = doc.RootElement.GetProperty("boot").GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "device").ToList();
        var vfio = nodes.Single(n => n.GetProperty("name").GetString() == "0000:01:00.1");
        var refused = vfio.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(2, refused.Count);
        Assert.Equal($"vfio-set-container at {SimTime.Seconds(SetContainer.TimeUs)} s: -1 EPERM, {NotViable}", refused[0].GetProperty("text").GetString());
        Assert.Equal(("vfio-set-container 0000:01:00.1", "EPERM", NotViable), (refused[0].GetProperty("action").GetString(),
            refused[0].GetProperty("errno").GetString(), refused[0].GetProperty("why").GetString()));
        Assert.Contains($"{RefusedVfio.Stamp(SetContainer)} (user space) qemu: vfio 0000:01:00.1: group 1 is not viable",
            refused[0].GetProperty("userSpace").EnumerateArray().Select(l => l.GetString()));
        var mate = nodes.Single(n => n.GetProperty("name").GetString() == "0000:01:00.0");
        Assert.Empty(mate.GetProperty("refused").EnumerateArray());
        Assert.Equal($"0000:01:00.1: vfio-set-container at {SimTime.Seconds(SetContainer.TimeUs)} s: -1 EPERM, {NotViable}",
            Assert.Single(mate.GetProperty("blocked").EnumerateArray()).GetString());
        // the page's scripts show them: the table's reason cell and the panel's section read these fields
        Assert.Contains("function refusedLines(n)", HtmlAssets.App, StringComparison.Ordinal);
        Assert.Contains("function refusedSection(n, link)", HtmlAssets.App, StringComparison.Ordinal);
    }

    [Fact]
    public void Strerror_matches_the_c_library_of_this_machine()
    {
        // on glibc, Marshal.GetPInvokeErrorMessage is strerror_r
        if (!OperatingSystem.IsLinux() || RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)) return;
        for (int e = 1; e <= 133; e++)
            if (!Marshal.GetPInvokeErrorMessage(e).StartsWith("Unknown error", StringComparison.Ordinal))
                Assert.Equal(Marshal.GetPInvokeErrorMessage(e), Strerror.Of(-e));
        Assert.Equal("Unknown error 517", Strerror.Of(-517));
    }
}
