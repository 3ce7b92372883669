using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Acpi;

/// <summary>
/// ACPI inputs: a machine directory (<c>machine/tables/DMAR</c>, <c>IVRS</c>, <c>MCFG</c>, <c>cmdline</c>, <c>pci/</c>;
/// docs/acpi-machine.md) whose tables are QEMU's q35 tables or made-up ones, mutated; sometimes the directory itself is
/// wrong (a table that is a directory, no <c>tables/</c>). Run through the CLI (<c>boot --arch x86_64</c>, <c>vfio plan
/// --arch x86_64</c>), or one time in four through <see cref="AcpiStandIn"/>, which prints every parsed record.
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
                c.Args.AddRange(Command(rng, dir));
                c.Notes.Add("no tables/");
                return;
            case 1:
                c.AddDirectory(dir + "/tables");
                c.AddDirectory(dir + "/tables/" + rng.Pick(new[] { "DMAR", "IVRS", "MCFG" }));
                c.Args.AddRange(Command(rng, dir));
                c.Notes.Add("a table that is a directory");
                return;
            case 2:
                c.Args.AddRange(Command(rng, "missing"));
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
        if (rng.OneIn(3)) AddPci(rng, c, dir + "/pci");
        c.Args.AddRange(Command(rng, dir));
    }

    /// <summary>The command an input runs: a boot of the machine, a VFIO plan on it, or the parse-everything stand-in.</summary>
    private static string[] Command(Rng rng, string dir) => rng.Next(4) switch
    {
        0 => [AcpiStandIn.Command, dir],
        1 => ["vfio", "plan", "--arch", "x86_64", dir, rng.Pick(new[] { "0000:00:01.0", "0000:01:00.0", "0000:00:00.0", "nosuch" })],
        _ => ["boot", "--arch", "x86_64", dir, .. CaseParts.BootViews(rng)],
    };

    /// <summary>A pci/ dump: empty, the seed dump, or a generated hierarchy (the sysfs kind's).</summary>
    private void AddPci(Rng rng, FuzzCase c, string pci)
    {
        switch (rng.Next(3))
        {
            case 0:
                c.AddDirectory(pci);
                break;
            case 1:
                foreach (var s in _seeds.SysfsDump) c.Add(pci + "/" + s.Name, s.Bytes);
                break;
            default:
                foreach (var (path, bytes) in Sysfs.SysfsCaseGenerator.Generate(rng, c.Notes, gentle: rng.OneIn(2)))
                {
                    if (bytes is null) c.AddDirectory(pci + "/" + path);
                    else c.Add(pci + "/" + path, bytes);
                }
                break;
        }
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
