using System.Runtime.ExceptionServices;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests;

/// <summary>
/// Runs a piece of work on a new thread (by default with the default stack size, as a test host's threads have) and
/// fails the test if it does not end: an input that made the code read or loop forever fails instead of hanging. The
/// limit is a watchdog far above any run on a loaded machine, not a performance bound: what an input costs is measured by
/// benchmarks (bench/), never by a test.
/// </summary>
public static class OnThread
{
    /// <summary>Seconds before a run counts as hung.</summary>
    public const int Watchdog = 180;

    public static T Run<T>(Func<T> work, int seconds = Watchdog, int maxStackSize = 0)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        }, maxStackSize) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(seconds)), $"did not end within {seconds} s");
        error?.Throw();
        return result;
    }

    /// <summary>The <see cref="DeviceTreeException"/> the work must end with.</summary>
    public static DeviceTreeException Fails(Func<object> work, int seconds = Watchdog, int maxStackSize = 0)
    {
        DeviceTreeException? caught = null;
        Run(() =>
        {
            try { work(); }
            catch (DeviceTreeException e) { caught = e; }
            return 0;
        }, seconds, maxStackSize);
        return caught ?? throw new Xunit.Sdk.XunitException("expected a DeviceTreeException, the work succeeded");
    }
}
