using System.Globalization;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Reports.Text;

/// <summary>The cells of one device in the <c>probesim boot</c> table; a missing value is <c>-</c>.</summary>
public sealed record DeviceRow(string Name, string Bus, string Driver, string State, string Reason, string Dma, DeviceState DeviceState, string Basis = "modelled")
{
    /// <summary>The column headers, in cell order.</summary>
    public static IReadOnlyList<string> Headers { get; } = ["NAME", "BUS", "DRIVER", "STATE", "REASON", "DMA", "BASIS"];

    /// <summary>The cells in column order.</summary>
    public IReadOnlyList<string> Cells => [Name, Bus, Driver, State, Reason, Dma, Basis];

    /// <summary>
    /// The row for a device. STATE is the state word; a failed device with an errno reads <c>failed (-5 EIO)</c>,
    /// or <c>failed (-123)</c> when <paramref name="errnoName"/> (default: the kernel's errno names, <see cref="ProbeSim.Kernel.Drivers.Errno"/>) has no name.
    /// BASIS is what the outcome rests on (<see cref="BasisWords"/>): modelled, partial or guessed.
    /// DMA is the DMA ops, with <c>(guess)</c> when the group's domain type rests on a guess (<see cref="DeviceOutcome.DomainTypeGuess"/>).
    /// REASON is the defer reason of a deferred device (its note when it has none) and the note otherwise.
    /// </summary>
    public static DeviceRow From(DeviceOutcome device, Func<int, string?>? errnoName = null, IReasonWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        errnoName ??= e => ProbeSim.Kernel.Drivers.Errno.IsKnown(e) ? ProbeSim.Kernel.Drivers.Errno.Name(e) : null;
        var reason = ReasonText(device, words);
        return new DeviceRow(
            device.Name,
            Dash(device.Bus),
            Dash(device.Driver),
            StateText(device, errnoName),
            Dash(reason),
            device.DomainTypeGuess == ProbeSim.Kernel.Iommu.IommuTypeGuess.None || device.DmaOps is null ? Dash(device.DmaOps) : device.DmaOps + " (guess)",
            device.State,
            BasisWords.Word(device.Basis));
    }

    /// <summary>The defer reason of a deferred device (its note when the kernel recorded none), else the note, in words.</summary>
    public static string? ReasonText(DeviceOutcome device, IReasonWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        var note = device.Note is { } n ? ReasonWords.Or(words).OutcomeNote(n) : null;
        return device.State == DeviceState.Deferred ? device.DeferReason ?? note : note;
    }

    /// <summary>The device's note in words, or null.</summary>
    public static string? NoteText(DeviceOutcome device, IReasonWords? words = null) =>
        device.Note is { } n ? ReasonWords.Or(words).OutcomeNote(n) : null;

    private static string StateText(DeviceOutcome device, Func<int, string?> errnoName)
    {
        var word = DeviceStateWords.Word(device.State);
        if (device.State != DeviceState.Failed || device.Error is not int errno) return word;
        var name = errnoName(errno);
        var number = errno.ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(name) ? $"{word} ({number})" : $"{word} ({number} {name})";
    }

    private static string Dash(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
