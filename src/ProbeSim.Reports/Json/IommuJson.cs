using System.Text.Json;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Json;

/// <summary>The IOMMU part of a <c>probesim-boot/1</c> document: groups, instances, user actions, crash (docs/json.md).</summary>
public static class IommuJson
{
    public static void Write(Utf8JsonWriter writer, BootResult result)
    {
        writer.WriteStartArray("iommuGroups");
        foreach (var g in result.IommuGroups)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", g.Id);
            writer.WriteString("type", g.Type);
            writer.WriteString("domain", g.Domain);
            JsonOutput.WriteStrings(writer, "devices", g.Devices);
            writer.WriteString("owner", g.Owner);
            writer.WriteNumber("ownerCount", g.OwnerCount);
            JsonOutput.WriteStrings(writer, "reservedRegions", g.ReservedRegions);
            // only on a group whose type rests on a guess (docs/json.md)
            if (g.TypeGuess != ProbeSim.Kernel.Iommu.IommuTypeGuess.None) writer.WriteString("typeGuess", EnumWords.Kebab(g.TypeGuess));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteIommus(writer, result.Iommus);
        ActionJson.WriteArray(writer, "actions", result.Actions);
        writer.WriteString("crash", result.Crash);
    }

    /// <summary>The <c>iommus</c> array: /sys/class/iommu entries (also embedded in the HTML report).</summary>
    public static void WriteIommus(Utf8JsonWriter writer, IReadOnlyList<IommuOutcome> iommus)
    {
        writer.WriteStartArray("iommus");
        foreach (var i in iommus)
        {
            writer.WriteStartObject();
            writer.WriteString("name", i.Name);
            writer.WriteString("device", i.Device);
            writer.WriteString("driver", i.Driver);
            JsonOutput.WriteStrings(writer, "devices", i.Devices);
            JsonOutput.WriteNumber(writer, "contextBanks", i.ContextBanks);
            writer.WriteNumber("contextBanksInUse", i.ContextBanksInUse);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
