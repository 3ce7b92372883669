using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Dmar;

/// <summary>Reads the device scope entries that fill a DRHD, RMRR, ATSR or SATC structure after its fixed part.</summary>
internal static class DeviceScopeParser
{
    public const int HeaderSize = 6;

    /// <param name="start">First byte after the structure's fixed part.</param>
    /// <param name="end">The structure's end (its offset plus its length).</param>
    /// <param name="owner">The structure's name, for messages ("DRHD").</param>
    public static IReadOnlyList<DeviceScope> Parse(TableBytes t, long start, long end, string owner, List<AcpiWarning> warnings)
    {
        var scopes = new List<DeviceScope>();
        for (long off = start; off < end;)
        {
            long left = end - off;
            // dmar_alloc_dev_scope steps by each entry's length byte and checks nothing: a length of 0 never advances,
            // one under the 6-byte header or past the structure reads another entry's bytes as this one's
            if (left < 2)
                throw t.Fail(off, $"{left} byte left at the end of the {owner}, too few for a device scope");
            byte type = t.U8(off, "device scope type");
            byte length = t.U8(off + 1, "device scope length");
            if (length < HeaderSize)
                throw t.Fail(off, $"device scope length {length} is shorter than its {HeaderSize}-byte header");
            if (length > left)
                throw t.Fail(off, $"device scope length {length} runs past the end of its {owner} ({left} bytes left)");

            var kind = type is >= 1 and <= 5 ? (DeviceScopeType)type : DeviceScopeType.Unknown;
            // dmar_alloc_dev_scope: types other than endpoint, bridge, namespace, IOAPIC and HPET are "Unsupported device scope"
            if (kind == DeviceScopeType.Unknown)
                warnings.Add(new AcpiWarning(t.File, off, AcpiWarningKind.UnsupportedDeviceScope,
                    $"unsupported device scope type {type} in a {owner}"));
            int pathBytes = length - HeaderSize;
            // the kernel counts the path as (length - 6) / 2 whole steps (dmar_insert_dev_scope); an odd byte is unused
            if (pathBytes % 2 != 0)
                warnings.Add(new AcpiWarning(t.File, off, AcpiWarningKind.OddDeviceScopePath,
                    $"device scope length {length} leaves an odd byte after its {pathBytes / 2} path steps"));
            var path = new List<PciPathStep>(pathBytes / 2);
            for (int i = 0; i < pathBytes / 2; i++)
                path.Add(new PciPathStep(t.U8(off + HeaderSize + 2 * i, "path device"), t.U8(off + HeaderSize + 2 * i + 1, "path function")));
            scopes.Add(new DeviceScope(off, kind, type, length, t.U8(off + 4, "enumeration ID"), t.U8(off + 5, "start bus"), path));
            off += length;
        }
        return scopes;
    }
}
