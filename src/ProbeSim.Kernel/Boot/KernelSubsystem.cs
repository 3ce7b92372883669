using System.Runtime.CompilerServices;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// What every subsystem object (IommuCore, OfPlatform, PciCore, ProviderCore, DmaMapping) gets from the kernel it belongs
/// to: the profile's settings, the clock and the log (docs/architecture.md). The subsystem's own state is its own.
/// </summary>
internal abstract class KernelSubsystem : IPrintkSink
{
    /// <summary>The kernel this subsystem belongs to (wiring: each subsystem's DigestFields exempts it).</summary>
    private protected readonly Kernel _k;

    private protected KernelSubsystem(Kernel kernel) => _k = kernel;

    private protected ProfileSettings S => _k.S;
    private protected long NowUs => _k.NowUs;

    // the kernel's log: a message is formatted only when the kernel keeps its log
    public bool RecordLog => _k.RecordLog;

    private protected void Printk(LogLevel level, string text, Device? dev = null) => _k.Printk(level, text, dev);

    private protected void Printk(LogLevel level, [InterpolatedStringHandlerArgument("")] ref KernelLogText text, Device? dev = null)
    {
        if (RecordLog) _k.Printk(level, text.Take(), dev);
    }

    private protected void DevPrintk(LogLevel level, Device dev, string text) => _k.DevPrintk(level, dev, text);

    private protected void DevPrintk(LogLevel level, Device dev, [InterpolatedStringHandlerArgument("")] ref KernelLogText text)
    {
        if (RecordLog) _k.DevPrintk(level, dev, text.Take());
    }
}
