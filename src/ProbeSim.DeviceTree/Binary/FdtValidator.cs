using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>libfdt's <c>fdt_check_header</c> plus <c>fdt_check_full</c>, reporting the first problem with its byte offset.</summary>
public static class FdtValidator
{
    /// <summary>Throws <see cref="DeviceTreeException"/> at the first problem in <paramref name="blob"/>; returns its header when it is sound.</summary>
    public static FdtHeader Validate(ReadOnlySpan<byte> blob, string? fileName = null, int maxDepth = FdtConstants.DefaultMaxDepth)
    {
        var h = FdtHeaderCheck.Check(blob, fileName);
        FdtReserveMap.Read(blob, h, fileName, null);
        var scanner = new FdtStructScanner(blob, h, fileName, maxDepth);
        while (scanner.Next(out _)) { }
        return h;
    }

    /// <summary>Null when <paramref name="blob"/> is sound, else the first problem.</summary>
    public static Diagnostic? Check(ReadOnlySpan<byte> blob, string? fileName = null, int maxDepth = FdtConstants.DefaultMaxDepth)
    {
        try
        {
            Validate(blob, fileName, maxDepth);
            return null;
        }
        catch (DeviceTreeException e)
        {
            return e.Diagnostics[0];
        }
    }
}
