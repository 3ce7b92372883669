using System.Text.Json;
using ProbeSim.DeviceTree;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Kernel.Tests.Oracle;

/// <summary>
/// Cases booted on the real Debian 6.1.192 arm64 kernel under QEMU (../shared/oracle; docs/kernel/oracle-6.1.md):
/// the simulation, with the Debian driver set, no modules loaded and profile debian-6.1, must end every
/// platform/AMBA device in the state the real kernel reported at the snapshot.
/// </summary>
public class OracleCaseTests
{
    static readonly Lazy<KernelDriverTables> Debian = new(() =>
        new KernelDriverTables(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64"), moduleAutoloadAt: null));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "Oracle")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Simulation_matches_the_real_kernel(string name)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "Oracle", name);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var root = expected.RootElement;
        var tree = new DeviceTreeLoader().Load(Path.Combine(dir, "board.dts"), new LoadOptions { Format = InputFormat.Dts }).Tree;
        double snapshot = root.GetProperty("snapshotUptime").GetDouble() - root.GetProperty("initStartUptime").GetDouble();
        var cmdline = root.GetProperty("cmdline").GetString()!;
        var result = new BootOptions { Profile = "debian-6.1", Cmdline = cmdline, Drivers = Debian.Value, StopAfterSeconds = snapshot }.Boot(tree, name);

        var problems = new List<string>();
        foreach (var dev in root.GetProperty("devices").EnumerateArray())
        {
            var devName = dev.GetProperty("name").GetString()!;
            var ours = result.Devices.FirstOrDefault(d => d.Name == devName);
            if (ours is null) { problems.Add($"{devName}: not created"); continue; }
            var state = dev.GetProperty("state").GetString();
            var driver = dev.GetProperty("driver").ValueKind == JsonValueKind.Null ? null : dev.GetProperty("driver").GetString();
            var oursState = ours.State switch
            {
                DeviceState.Bound => "bound",
                DeviceState.Deferred => "deferred",
                // sysfs cannot tell a failed probe from no driver: the oracle reports both as no-driver
                _ => "no-driver",
            };
            if (oursState != state) problems.Add($"{devName}: state {oursState}, kernel {state} ({ours.Note.Text()})");
            else if (state == "bound" && ours.Driver != driver) problems.Add($"{devName}: driver {ours.Driver}, kernel {driver}");
            if (state == "deferred")
            {
                var reason = dev.GetProperty("deferredReason").GetString();
                if ((ours.DeferReason ?? "") != reason) problems.Add($"{devName}: reason '{ours.DeferReason}', kernel '{reason}'");
            }
        }
        var expectedDeferred = root.GetProperty("devicesDeferred").GetString();
        var ourDeferred = string.Concat(result.DevicesDeferred!.Select(e => $"{e.Device}\t{e.Reason}\n"));
        if (expectedDeferred != ourDeferred) problems.Add($"devices_deferred:\n{ourDeferred}kernel:\n{expectedDeferred}");
        foreach (var link in root.GetProperty("devlinks").EnumerateArray())
        {
            var linkName = link.GetProperty("name").GetString()!;
            var ours = result.Devlinks.FirstOrDefault(l => l.Name == linkName);
            if (ours is null) problems.Add($"devlink {linkName}: missing");
            else if (ours.Status != link.GetProperty("status").GetString() || ours.SyncStateOnly != link.GetProperty("syncStateOnly").GetBoolean())
                problems.Add($"devlink {linkName}: {ours.Status}/{ours.SyncStateOnly}, kernel {link.GetProperty("status").GetString()}/{link.GetProperty("syncStateOnly").GetBoolean()}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
