using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>How the reports name the imported kernel: <c>kernel 6.1.192 (6.1.0-56-arm64) arm64</c>.</summary>
public static class KernelText
{
    public static string Describe(ImportManifest m) =>
        $"kernel {m.KernelVersion}{(m.Release is null ? "" : $" ({m.Release})")} {m.Arch}";
}
