using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Checking.Exploration;

/// <summary>
/// One fault of a <c>--faults</c> list. A fault with a device is fixed: it always fires there (at the given attempt,
/// default 1). A fault without one is a choice: the explorer may fire it at any matching site, within the budget
/// <see cref="FaultSpec.MaxChoiceFaults"/> per schedule.
/// </summary>
public sealed record FaultRule(FaultSite Site, string? Device, int? Attempt, int Errno)
{
    public bool IsChoice => Device is null;

    public bool Matches(FaultSite site, string device, int attempt) =>
        site == Site && (Device is null || Device == device) && (Attempt is null || Attempt == attempt);

    public override string ToString() => $"{Site}{(Device is null ? "" : ":" + Device)}{(Attempt is null ? "" : "@" + Attempt)}={Errno}";
}

/// <summary>The faults a check may inject (docs/checking.md has the grammar).</summary>
public sealed record FaultSpec
{
    public IReadOnlyList<FaultRule> Rules { get; init; } = Array.Empty<FaultRule>();
    /// <summary>Context-bank limits per IOMMU device name ("*" for all).</summary>
    public IReadOnlyDictionary<string, int> ContextBanks { get; init; } = new Dictionary<string, int>();
    /// <summary>Whether user space may unbind and rebind one bound device after boot.</summary>
    public bool Unbind { get; init; }
    /// <summary>How many choice faults one schedule may fire (max=N, default 1).</summary>
    public int MaxChoiceFaults { get; init; } = 1;

    public static readonly FaultSpec None = new();

    public bool HasChoices => Unbind || Rules.Any(r => r.IsChoice);

    /// <summary>
    /// Parses a comma-separated list: <c>defer[@N]</c>, <c>defer:DEV[@N]</c>, <c>probe=ERRNO</c>, <c>probe:DEV[@N]=ERRNO</c>,
    /// <c>nomem[:DEV]</c>, <c>domain-alloc[:IOMMU]</c>, <c>iommu-fail[:IOMMU][=ERRNO]</c>, <c>iommu-no-register[:IOMMU]</c>,
    /// <c>banks[:IOMMU]=N</c>, <c>unbind</c>, <c>max=N</c>.
    /// </summary>
    public static FaultSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;
        var rules = new List<FaultRule>();
        var banks = new Dictionary<string, int>(StringComparer.Ordinal);
        bool unbind = false;
        int max = 1;
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string head = raw, value = "";
            int eq = raw.IndexOf('=');
            if (eq >= 0) { head = raw[..eq]; value = raw[(eq + 1)..]; }
            int? attempt = null;
            int at = head.IndexOf('@');
            if (at >= 0)
            {
                if (!int.TryParse(head[(at + 1)..], out int a) || a < 1) throw Bad(raw, "the attempt after @ must be a number from 1");
                attempt = a;
                head = head[..at];
            }
            string kind = head, device = "";
            int colon = head.IndexOf(':');
            if (colon >= 0) { kind = head[..colon]; device = head[(colon + 1)..]; }
            string? dev = device.Length == 0 ? null : device;
            switch (kind)
            {
                case "defer":
                    rules.Add(new FaultRule(FaultSite.Probe, dev, attempt, ProbeSim.Kernel.Drivers.Errno.EPROBE_DEFER));
                    break;
                case "probe":
                    rules.Add(new FaultRule(FaultSite.Probe, dev, attempt, ErrnoOf(raw, value, required: true)));
                    break;
                case "nomem":
                    rules.Add(new FaultRule(FaultSite.Alloc, dev, attempt, 12));
                    break;
                case "domain-alloc":
                    rules.Add(new FaultRule(FaultSite.DomainAlloc, dev, null, 12));
                    break;
                case "iommu-fail":
                    rules.Add(new FaultRule(FaultSite.IommuProbe, dev, attempt, value.Length == 0 ? 19 : ErrnoOf(raw, value, required: true)));
                    break;
                case "iommu-no-register":
                    rules.Add(new FaultRule(FaultSite.IommuNoRegister, dev, attempt, 1));
                    break;
                case "banks":
                    if (!int.TryParse(value, out int n) || n < 0) throw Bad(raw, "banks wants a count: banks=N or banks:IOMMU=N");
                    banks[dev ?? "*"] = n;
                    break;
                case "unbind":
                    unbind = true;
                    break;
                case "max":
                    if (!int.TryParse(value, out max) || max < 0) throw Bad(raw, "max wants a number of faults per schedule");
                    break;
                default:
                    throw Bad(raw, "unknown fault (defer, probe, nomem, domain-alloc, iommu-fail, iommu-no-register, banks, unbind, max)");
            }
        }
        return new FaultSpec { Rules = rules, ContextBanks = banks, Unbind = unbind, MaxChoiceFaults = max };
    }


    private static int ErrnoOf(string raw, string value, bool required)
    {
        if (value.Length == 0 && !required) return 0;
        if (value.Equals("EPROBE_DEFER", StringComparison.OrdinalIgnoreCase)) return ProbeSim.Kernel.Drivers.Errno.EPROBE_DEFER;
        if (!Errno.TryParse(value, out int e)) throw Bad(raw, $"'{value}' is not an errno (EIO, ENOMEM, -22, ...)");
        return e;
    }

    private static ArgumentException Bad(string raw, string why) => new($"--faults: '{raw}': {why}");
}
