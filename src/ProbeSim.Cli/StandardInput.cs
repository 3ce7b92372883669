using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Cli;

/// <summary>Standard input read within the limit of any device-tree input file (docs/device-tree.md, "Limits"), not to its end whatever its size.</summary>
public static class StandardInput
{
    public static string ReadText(TextReader reader, long limit = DeviceTreeLimits.MaxFileBytes)
    {
        var sb = new System.Text.StringBuilder();
        var buffer = new char[65536];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (sb.Length + (long)n > limit)
                throw new DeviceTreeException(new Diagnostic(Severity.Error, $"standard input is larger than {limit / (1024 * 1024)} MiB, the limit for an input file", File: "<stdin>"));
            sb.Append(buffer, 0, n);
        }
        return sb.ToString();
    }
}
