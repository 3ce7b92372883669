namespace ProbeSim.Fuzz.Worker;

/// <summary>The process's resident set from /proc/self/status: now (VmRSS) and at its peak (VmHWM), in MiB.</summary>
public static class ProcStatus
{
    public static long RssMb() => Read("VmRSS:");

    public static long PeakRssMb() => Read("VmHWM:");

    private static long Read(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
                var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }
}
