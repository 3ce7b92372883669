using System.Globalization;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Actions;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace ProbeSim.Reports.Text;

/// <summary>
/// The per-device table <c>probesim boot</c> prints (NAME, BUS, DRIVER, STATE, REASON, DMA, BASIS) and its summary line,
/// as plain fixed-width text or as a coloured Spectre.Console table. Devices come in the order given. Under a device,
/// one line per user action on it that the kernel refused (<see cref="RefusedLines"/>).
/// </summary>
public static class DeviceTable
{
    /// <summary>Writes the plain table followed by the summary line.</summary>
    public static void WritePlain(TextWriter writer, IReadOnlyList<DeviceOutcome> devices, Func<int, string?>? errnoName = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(devices);
        PlainTable.Write(writer, DeviceRow.Headers, devices.Select(d => new PlainRow(DeviceRow.From(d, errnoName).Cells, RefusedLines(d))));
        writer.Write(Summary(devices));
        writer.Write('\n');
    }

    /// <summary>The plain table and summary line as one string.</summary>
    public static string FormatPlain(IReadOnlyList<DeviceOutcome> devices, Func<int, string?>? errnoName = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WritePlain(writer, devices, errnoName);
        return writer.ToString();
    }

    /// <summary><c>N devices: a bound, b deferred, c failed, d no-driver, e not-present</c>.</summary>
    public static string Summary(IEnumerable<DeviceOutcome> devices) => StateCounts.Of(devices).Summary();

    /// <summary>The Spectre.Console table, the STATE cell coloured by state (<see cref="StateStyles"/>).</summary>
    public static Table ToSpectreTable(IEnumerable<DeviceOutcome> devices, Func<int, string?>? errnoName = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var table = new Table();
        foreach (var header in DeviceRow.Headers) table.AddColumn(new TableColumn(new SpectreText(header, new Style(decoration: Decoration.Bold))));
        foreach (var device in devices)
        {
            var row = DeviceRow.From(device, errnoName);
            table.AddRow(
                new SpectreText(row.Name),
                new SpectreText(row.Bus),
                new SpectreText(row.Driver),
                new SpectreText(row.State, StateStyles.For(row.DeviceState)),
                new SpectreText(row.Reason),
                new SpectreText(row.Dma),
                new SpectreText(row.Basis, row.Basis == "modelled" ? Style.Plain : new Style(Color.Yellow)));
            foreach (var line in RefusedLines(device))
                table.AddRow(new SpectreText(""), new SpectreText(""), new SpectreText(""), new SpectreText(""),
                    new SpectreText(line, new Style(Color.Red)), new SpectreText(""), new SpectreText(""));
        }
        return table;
    }

    /// <summary>
    /// The lines under a device, one per refused user action:
    /// <c>! refused: vfio-set-container at 2.000000 s: -1 EPERM, group 1 is not viable: ...</c> (<see cref="ActionText.Refused"/>).
    /// </summary>
    public static IReadOnlyList<string> RefusedLines(DeviceOutcome device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.RefusedActions.Select(a => "! refused: " + ActionText.Refused(a)).ToList();
    }

    /// <summary>Writes the coloured table and the coloured summary line to a console.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<DeviceOutcome> devices, Func<int, string?>? errnoName = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(devices);
        console.Write(ToSpectreTable(devices, errnoName));
        console.Write(StateStyles.Summary(StateCounts.Of(devices)));
        console.WriteLine();
    }
}
