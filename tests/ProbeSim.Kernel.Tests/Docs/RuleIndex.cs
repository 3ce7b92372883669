using System.Text;
using System.Text.RegularExpressions;

namespace ProbeSim.Kernel.Tests.Docs;

/// <summary>
/// docs/rules.md: every rule comment of src/ProbeSim.Kernel (a line comment or a summary that starts with the kernel
/// function it mirrors, <c>// really_probe: ...</c>), grouped by subsystem folder, sorted by kernel function.
/// </summary>
public static partial class RuleIndex
{
    public sealed record Rule(string Folder, string Function, string Text, string File);

    // a kernel identifier: lower case with an underscore (really_probe, __iommu_probe_device), not an English word
    [GeneratedRegex(@"^\s*(?://|///\s*<summary>)\s*(?<fn>_{0,2}[a-z][a-z0-9]*_[a-z0-9_]*)(?<rest>.*)$")]
    private static partial Regex RuleComment();

    public static IReadOnlyList<Rule> Scan(string repoRoot)
    {
        var src = Path.Combine(repoRoot, "src", "ProbeSim.Kernel");
        var rules = new List<Rule>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(repoRoot, file).Replace('\\', '/');
            if (rel.Contains("/bin/") || rel.Contains("/obj/")) continue;
            var folder = Path.GetRelativePath(src, file).Replace('\\', '/').Split('/') is { Length: > 1 } parts ? parts[0] : "(top)";
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                var m = RuleComment().Match(lines[i]);
                if (!m.Success) continue;
                var text = new StringBuilder(m.Groups["fn"].Value + m.Groups["rest"].Value);
                // the comment goes on over the next comment lines of the same kind
                var summary = lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal);
                for (int j = i + 1; j < lines.Length && !text.ToString().Contains("</summary>"); j++)
                {
                    var next = lines[j].TrimStart();
                    bool same = summary ? next.StartsWith("///", StringComparison.Ordinal) : next.StartsWith("//", StringComparison.Ordinal) && !next.StartsWith("///", StringComparison.Ordinal);
                    if (!same || RuleComment().IsMatch(lines[j])) break;
                    text.Append(' ').Append(next.TrimStart('/').Trim());
                    i = j;
                }
                rules.Add(new Rule(folder, m.Groups["fn"].Value, Clean(text.ToString()), rel));
            }
        }
        return rules.OrderBy(r => r.Folder, StringComparer.Ordinal).ThenBy(r => r.Function.TrimStart('_'), StringComparer.Ordinal)
            .ThenBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Text, StringComparer.Ordinal).ToList();
    }

    private static readonly Dictionary<string, string> FolderTitles = new()
    {
        ["Boot"] = "Boot: the timeline, initcalls, user space (init/main.c, drivers/base/init.c)",
        ["Dma"] = "Dma: DMA mapping (kernel/dma, arch/arm*/mm, drivers/iommu/dma-iommu.c)",
        ["DriverCore"] = "DriverCore: the driver core (drivers/base)",
        ["Drivers"] = "Drivers: driver sets, modules, early OF tables",
        ["Iommu"] = "Iommu: the IOMMU core and of_iommu (drivers/iommu)",
        ["Of"] = "Of: device-tree glue (drivers/of)",
        ["Pci"] = "Pci: PCI below a DT host bridge (drivers/pci)",
        ["Profiles"] = "Profiles: behaviour switches",
        ["Providers"] = "Providers: resource providers a probe asks for (clk, regulator, gpio, pinctrl, genpd, ...)",
        ["Vfio"] = "Vfio: VFIO and iommufd as user space drives them (drivers/vfio, drivers/iommu/iommufd)",
        ["X86"] = "X86: the x86 arch and ACPI glue (arch/x86/kernel/pci-dma.c, drivers/acpi/pci_root.c, drivers/iommu/intel, amd)",
    };

    public static string Render(IReadOnlyList<Rule> rules)
    {
        var sb = new StringBuilder();
        sb.Append("# Rules and the kernel functions they mirror\n\n");
        sb.Append("Every rule of the kernel model names, in a one-line comment, the kernel function it mirrors. This page lists\n");
        sb.Append("them all, by the folder that holds them (named after the kernel subsystem), sorted by function. It is generated\n");
        sb.Append("from the source: `tests/ProbeSim.Kernel.Tests/Docs/RuleIndexTests.cs` fails when it is out of date, and\n");
        sb.Append("`PROBESIM_UPDATE_DOCS=1 dotnet test tests/ProbeSim.Kernel.Tests --filter RuleIndex` rewrites it.\n");
        sb.Append("How the rules fit together: [concepts.md](concepts.md), [boot.md](boot.md), [kernel/](kernel/).\n\n");
        sb.Append($"{rules.Count} rules in {rules.Select(r => r.Folder).Distinct().Count()} folders.\n");
        foreach (var group in rules.GroupBy(r => r.Folder))
        {
            sb.Append($"\n## {(FolderTitles.TryGetValue(group.Key, out var t) ? t : group.Key)}\n\n");
            sb.Append("| kernel function | rule | file |\n|---|---|---|\n");
            foreach (var r in group)
                sb.Append($"| `{r.Function}` | {Escape(r.Text)} | [{Path.GetFileName(r.File)}](../{r.File}) |\n");
        }
        return sb.ToString();
    }

    // the comment's words only: no XML doc tags, one space between words
    private static string Clean(string text)
    {
        text = text.Replace("</summary>", "");
        text = Regex.Replace(text, @"<(?:c|/c|para|/para)>", "");
        text = Regex.Replace(text, @"<see cref=""([^""]+)""\s*/>", "$1");
        text = Regex.Replace(text, @"<paramref name=""([^""]+)""\s*/>", "$1");
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("<", "&lt;").Replace(">", "&gt;");
}
