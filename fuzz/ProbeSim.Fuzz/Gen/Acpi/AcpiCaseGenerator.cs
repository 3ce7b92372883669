using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Acpi;

/// <summary>
/// ACPI inputs: a machine directory (<c>machine/tables/DMAR</c>, <c>IVRS</c>, <c>MCFG</c>, <c>cmdline</c>, <c>pci/</c>;
/// docs/acpi-machine.md) whose tables are QEMU's q35 tables or made-up ones, mutated; sometimes the directory itself is
/// wrong (a table that is a directory, no <c>tables/</c>). Run through <see cref="AcpiStandIn"/>.
/// </summary>
public sealed class AcpiCaseGenerator : ICaseGenerator
{
    private static readonly string[] CommandLines =
    [
        "BOOT_IMAGE=/vmlinuz-6.1.0-56-amd64 root=/dev/vda1 ro quiet", "intel_iommu=on iommu=pt", "amd_iommu=off", "iommu.strict=1",
        "intel_iommu=igfx_off iommu.passthrough=1", "", "\n\n", "intel_iommu=on\0junk",
    ];

    private readonly SeedCorpus _seeds;

    public AcpiCaseGenerator(SeedCorpus seeds) => _seeds = seeds;

    public void Fill(Rng rng, FuzzCase c)
    {
        const string dir = "machine";
        c.AddDirectory(dir);
        switch (rng.Next(40))
        {
            case 0:
                // no tables/ directory
                c.Args.AddRange([AcpiStandIn.Command, dir]);
                c.Notes.Add("no tables/");
                return;
            case 1:
                c.AddDirectory(dir + "/tables");
                c.AddDirectory(dir + "/tables/" + rng.Pick(new[] { "DMAR", "IVRS", "MCFG" }));
                c.Args.AddRange([AcpiStandIn.Command, dir]);
                c.Notes.Add("a table that is a directory");
                return;
            case 2:
                c.Args.AddRange([AcpiStandIn.Command, "missing"]);
                return;
        }
        c.AddDirectory(dir + "/tables");
        bool any = false;
        foreach (var sig in new[] { "DMAR", "IVRS", "MCFG" })
        {
            // DMAR and IVRS half of the time each, MCFG less (and always when neither is there)
            if (!rng.OneIn(sig == "MCFG" ? 4 : 2) && !(sig == "MCFG" && !any)) continue;
            any = true;
            var table = Table(rng, sig, c.Notes);
            c.Add($"{dir}/tables/{sig}", table);
        }
        if (rng.OneIn(2)) c.AddText(dir + "/cmdline", rng.Pick(CommandLines));
        if (rng.OneIn(3)) c.AddDirectory(dir + "/pci");
        c.Args.AddRange([AcpiStandIn.Command, dir]);
    }

    private byte[] Table(Rng rng, string signature, List<string> notes)
    {
        var real = _seeds.AcpiTables.Where(s => s.Name.StartsWith("acpi/" + signature, StringComparison.Ordinal)).ToList();
        byte[] seed;
        if (real.Count > 0 && rng.OneIn(3))
        {
            var s = rng.Pick(real);
            notes.Add($"{signature}: seed {s.Name}");
            seed = s.Bytes;
        }
        else
        {
            notes.Add($"{signature}: made up");
            seed = signature switch { "DMAR" => AcpiSynth.Dmar(rng), "IVRS" => AcpiSynth.Ivrs(rng), _ => AcpiSynth.Mcfg(rng) };
        }
        // one in four stays well-formed, so the parse's success paths run too
        return rng.OneIn(4) ? seed : AcpiMutator.Mutate(rng, seed, notes);
    }
}
