using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers.Imported;
using System.Text.Json;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Reports.Json;

/// <summary>One entry of the <c>devices</c> array of a <c>probesim-boot/1</c> document (docs/json.md).</summary>
public static class DeviceJson
{
    /// <summary>Writes the device as an object, every property present (null when the model has no value).</summary>
    public static void Write(Utf8JsonWriter writer, DeviceOutcome device, IReasonWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(device);
        var w = ReasonWords.Or(words);
        writer.WriteStartObject();
        writer.WriteString("name", device.Name);
        writer.WriteString("bus", device.Bus);
        writer.WriteString("ofNode", device.OfNode);
        JsonOutput.WriteStrings(writer, "compatible", device.Compatible);
        writer.WriteString("driver", device.Driver);
        writer.WriteString("state", DeviceStateWords.Word(device.State));
        JsonOutput.WriteNumber(writer, "error", device.Error);
        writer.WriteString("deferReason", device.DeferReason);
        writer.WriteString("note", device.Note is { } note ? w.OutcomeNote(note) : null);
        writer.WriteString("rejectedBy", device.RejectedBy);
        writer.WriteString("basis", BasisWords.Word(device.Basis));
        writer.WriteString("basisDriver", device.BasisDriver);
        writer.WriteString("basisFrom", device.BasisFrom);
        writer.WriteString("basisGap", device.BasisGap == BasisGap.None ? null : EnumWords.Kebab(device.BasisGap));
        JsonOutput.WriteNumber(writer, "iommuGroup", device.IommuGroup);
        writer.WriteString("domainType", device.DomainType);
        // only on a device whose group's type rests on a guess (docs/json.md)
        if (device.DomainTypeGuess != ProbeSim.Kernel.Iommu.IommuTypeGuess.None) writer.WriteString("domainTypeGuess", EnumWords.Kebab(device.DomainTypeGuess));
        writer.WriteString("dmaOps", device.DmaOps);
        JsonOutput.WriteBoolean(writer, "coherent", device.Coherent);
        writer.WriteString("iommu", device.Iommu);
        writer.WriteString("dmaOwner", device.DmaOwner);
        writer.WriteString("dma", device.Dma);
        writer.WriteString("dmaNote", device.DmaNote is { } dmaNote ? w.DmaNote(dmaNote) : null);
        if (device.DmaEvents.Count > 0)
        {
            writer.WriteStartArray("dmaEvents");
            foreach (var e in device.DmaEvents)
            {
                writer.WriteStartObject();
                JsonOutput.WriteSeconds(writer, "time", e.TimeUs);
                writer.WriteString("op", e.Operation);
                writer.WriteNumber("size", e.Size);
                if (e.DmaAddress is { } a) writer.WriteString("dmaAddress", $"0x{a:x}");
                else writer.WriteNull("dmaAddress");
                writer.WriteString("result", e.Result);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteNumber("probeAttempts", device.ProbeAttempts);
        JsonOutput.WriteSeconds(writer, "boundAt", device.BoundAtUs);
        writer.WriteString("sysfsPath", device.SysfsPath);
        JsonOutput.WriteStrings(writer, "suppliers", device.Suppliers.Select(SupplierText));
        writer.WriteEndObject();
    }

    // a supplier device by its name, a supplier node that is no device by its DT path
    private static string SupplierText(SupplierOutcome supplier) => supplier switch
    {
        SupplierOutcome.Device d => d.Name,
        SupplierOutcome.Fwnode f => f.Path,
        _ => throw new ArgumentOutOfRangeException(nameof(supplier)),
    };
}
