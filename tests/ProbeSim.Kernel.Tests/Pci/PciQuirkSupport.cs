using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Pci.Quirks;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>Topologies seen with a profile's built-in quirks, for the quirk tests.</summary>
internal static class PciQuirkSupport
{
    /// <summary>The quirks of a profile (Debian's 6.1.192 by default: the table the quirks.c lines cite).</summary>
    public static PciQuirkSet Quirks(string profile = "debian-6.1") => ProfileLibrary.Default.Get(profile).Settings.PciQuirks;

    public static PciTopology Quirked(string yaml, string profile = "debian-6.1") => PciTestSupport.Yaml(yaml).WithQuirks(Quirks(profile));

    public static PciTopology Quirked(string yaml, PciQuirkSet quirks) => PciTestSupport.Yaml(yaml).WithQuirks(quirks);

    /// <summary>A profile's quirks less one group (what the kernel would do without that quirk).</summary>
    public static PciQuirkSet Without(string group, string profile = "debian-6.1")
    {
        var q = Quirks(profile);
        return new PciQuirkSet(q.AcsGroups.Where(g => g != group), q.DmaAliasGroups.Where(g => g != group), q.AcpiIvrs);
    }
}
