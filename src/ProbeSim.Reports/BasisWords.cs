using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports;

/// <summary>The words reports use for what a device's outcome rests on (docs/boot.md, "Basis").</summary>
public static class BasisWords
{
    /// <summary><c>modelled</c>, <c>partial</c> or <c>guessed</c>.</summary>
    public static string Word(OutcomeBasis basis) => basis switch
    {
        OutcomeBasis.Modelled => "modelled",
        OutcomeBasis.Partial => "partial",
        OutcomeBasis.Guessed => "guessed",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "unknown basis"),
    };

    /// <summary>One line on which facts the outcome rests: the driver's plan, a partial plan, or the generic probe's guess.</summary>
    public static string Describe(DeviceOutcome device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var driver = device.BasisDriver;
        if (device.BasisGap == BasisGap.AmbaPeriphidFromHardware)
            return "guess: the AMBA periphid is read from the device's registers (amba_read_periphid), not the device tree; which id-matched driver binds is not known";
        if (device.BasisGap is BasisGap.ProbeUnread or BasisGap.ProbeUnreadNameGuessed)
            return $"guess: driver {driver} comes from the kernel's alias tables; its probe was not read and is taken to succeed"
                + (device.BasisGap == BasisGap.ProbeUnreadNameGuessed ? $"; the name {driver} is its module's, not established from the source" : "");
        if (device.BasisGap == BasisGap.AcpiHotplugControl)
            return "guess: whether shpchp binds depends on the firmware's _OSC/OSHP grant and free hotplug slot names, which the machine's files do not carry; taken as not binding (as on QEMU q35)";
        return device.Basis switch
        {
            OutcomeBasis.Guessed => $"guess: no probe plan for driver {driver}; the generic probe asked for every resource the node names",
            OutcomeBasis.Partial => $"partial: the probe plan of driver {driver} has steps the importer could not read; they were skipped",
            _ when driver is null => "modelled: no driver probe decided this outcome",
            _ => $"modelled: the probe plan (or script) of driver {driver}",
        };
    }
}
