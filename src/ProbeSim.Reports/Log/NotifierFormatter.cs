using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Log;

/// <summary>Bus notifier events as text: per device, in the order the driver core sent them, with dmesg timestamps.</summary>
public static class NotifierFormatter
{
    /// <summary>The kernel's name of the event (BUS_NOTIFY_ADD_DEVICE); the model records it without the prefix.</summary>
    public static string EventName(NotifierEvent e) => "BUS_NOTIFY_" + e.Event;

    /// <summary>One event: <c>[    0.001000] BUS_NOTIFY_BIND_DRIVER (acme-dmac)</c>.</summary>
    public static string FormatLine(NotifierEvent e) =>
        $"{DmesgFormatter.Timestamp(e.TimeUs)} {EventName(e)}" + (e.Driver is { } d ? $" ({d})" : "");

    /// <summary>Each device that got an event, first-event order, then its events indented.</summary>
    public static void Write(TextWriter w, IReadOnlyList<NotifierEvent> events)
    {
        w.WriteLine($"bus notifiers ({events.Count} events):");
        foreach (var device in events.Select(e => e.Device).Distinct(StringComparer.Ordinal))
        {
            w.WriteLine($"  {device}");
            foreach (var e in events.Where(e => e.Device == device)) w.WriteLine("    " + FormatLine(e));
        }
    }
}
