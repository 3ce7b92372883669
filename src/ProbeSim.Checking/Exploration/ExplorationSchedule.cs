using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Checking.Exploration;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>How a schedule picks beyond its replayed prefix.</summary>
internal enum PickMode { Default, Random, Pct }

/// <summary>
/// The schedule of one explored boot: replays a prefix of choices, then picks by its mode; records every choice.
/// Fault sites are turned into choices (fire or not) for choice faults, within the per-schedule budget.
/// </summary>
internal sealed partial class ExplorationSchedule : IBootSchedule
{
    private readonly IReadOnlyList<int> _prefix;
    private readonly PickMode _mode;
    private readonly Random? _rng;
    private readonly FaultSpec _faults;
    private readonly HashSet<ulong>? _visited;
    private readonly bool _labels;
    private readonly Pct? _pct;
    private int _faultsFired;

    private readonly IReadOnlySet<ChoiceKind> _kinds;

    public ExplorationSchedule(IReadOnlyList<int> prefix, PickMode mode, FaultSpec faults, int seed = 0,
        HashSet<ulong>? visited = null, bool labels = false, Pct? pct = null, IReadOnlySet<ChoiceKind>? kinds = null, int expectedChoices = 0)
    {
        Choices = new List<Choice>(expectedChoices);
        _prefix = prefix; _mode = mode; _faults = faults; _visited = visited; _labels = labels; _pct = pct;
        _kinds = kinds ?? ExplorationOptions.AllChoices;
        if (mode != PickMode.Default) _rng = new Random(seed);
    }

    public List<Choice> Choices { get; }
    /// <summary>Faults fired (fixed and chosen), in order, as text for the trace.</summary>
    public List<(long TimeUs, string Text)> Fired { get; } = new();
    /// <summary>The first replayed choice whose option its choice point does not offer (the last option was taken instead), or null.</summary>
    public ReplayMismatch? OutOfRange { get; private set; }
    public bool Active => true;
    public bool LimitsContextBanks => _faults.ContextBanks.Count > 0;

    // sleep set (Godefroid): options already explored from an equivalent point, asleep until a dependent step runs
    private readonly HashSet<string> _sleep = new(StringComparer.Ordinal);

    public int Choose(Kernel kernel, ChoiceKind kind, int count, Func<int, string> label, Func<int, int, bool>? commute = null, Func<int, string>? actor = null)
    {
        var subject = actor ?? label;
        if (kind == ChoiceKind.Unbind && !_faults.Unbind || !_kinds.Contains(kind)) return 0;
        int pos = Choices.Count;
        bool exhaustive = _visited is not null;
        string[]? keys = null;
        if (exhaustive && commute is not null)
        {
            keys = new string[count];
            for (int i = 0; i < count; i++) keys[i] = subject(i);
        }
        else _sleep.Clear();
        bool Asleep(int i) => keys is not null && _sleep.Contains(keys[i]);
        bool hashing = pos >= _prefix.Count && exhaustive;
        if (hashing || ObserveKey is not null)
        {
            // state hashing: the same state, sleep set, fault budget and kind of choice point continue the same way
            ulong key = StateKey(kernel, kind, count, label, _faultsFired);
            foreach (var s in _sleep) key += Fnv(s) * 0x9E3779B97F4A7C15UL;
            ObserveKey?.Invoke(pos, key);
            if (hashing && !_visited!.Add(key)) throw new PruneException();
        }
        int chosen;
        if (pos < _prefix.Count)
        {
            if (_prefix[pos] >= count) OutOfRange ??= new ReplayMismatch(pos, _prefix[pos], kind, count);
            chosen = Math.Min(_prefix[pos], count - 1);
        }
        else if (exhaustive)
        {
            chosen = 0;
            while (chosen < count && Asleep(chosen)) chosen++;
            // every option asleep: this run is equivalent to one already explored
            if (chosen == count) throw new PruneException();
        }
        else chosen = Pick(kind, count, subject);
        int next = -1;
        if (exhaustive)
            for (int j = chosen + 1; j < count; j++)
                if (!Asleep(j)) { next = j; break; }
        if (keys is not null)
        {
            var wake = new List<string>();
            foreach (var s in _sleep)
            {
                int idx = Array.IndexOf(keys, s);
                if (idx < 0 || idx == chosen || !commute!(idx, chosen)) wake.Add(s);
            }
            foreach (var s in wake) _sleep.Remove(s);
            for (int j = 0; j < chosen; j++)
                if (commute!(j, chosen)) _sleep.Add(keys[j]);
        }
        Choices.Add(new Choice(kind, count, chosen) { Label = _labels ? label(chosen) : null, TimeUs = kernel.NowUs, Next = next });
        return chosen;
    }

    /// <summary>
    /// A choice point's key for state hashing (without the sleep set): the kernel's digest, the kind and number of options,
    /// the words that name what is in flight (the probing device, the async queue's head, the fault site: two fault rules
    /// may offer a choice at one site, in one state), and how many choice faults this schedule has fired (the budget
    /// decides which fault sites are still choices).
    /// </summary>
    internal static ulong StateKey(Kernel kernel, ChoiceKind kind, int count, Func<int, string> label, int faultsFired)
    {
        ulong key = kernel.StateHash() * 31 + (ulong)kind * 7919 + (ulong)count;
        // a fault's option 0 is "no fault" everywhere: option 1 names the site and the fault
        if (kind is ChoiceKind.ProbeWindow or ChoiceKind.AsyncOrder) key = key * 131 + Fnv(label(0));
        else if (kind is ChoiceKind.Fault) key = key * 131 + Fnv(label(1));
        return key * 257 + (ulong)faultsFired;
    }

    /// <summary>Called with each choice point's position and key (tests: which prefixes reach the same key).</summary>
    internal Action<int, ulong>? ObserveKey { get; init; }

    private static ulong Fnv(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s) h = (h ^ c) * 1099511628211UL;
        return h;
    }

    private int Pick(ChoiceKind kind, int count, Func<int, string> label) => _mode switch
    {
        PickMode.Random => _rng!.Next(count),
        PickMode.Pct => _pct!.Pick(Choices.Count, count, label),
        _ => 0,
    };

    public int Fault(Kernel kernel, FaultSite site, Device dev, int attempt)
    {
        foreach (var r in _faults.Rules)
        {
            if (!r.Matches(site, dev.Name, attempt)) continue;
            if (!r.IsChoice)
            {
                Fired.Add((kernel.NowUs, Describe(site, dev, attempt, r.Errno)));
                return r.Errno;
            }
            if (_faultsFired >= _faults.MaxChoiceFaults) continue;
            // a choice fault: option 0 = do not fire
            int fire = Choose(kernel, ChoiceKind.Fault, 2, i => i == 0 ? "no fault" : Describe(site, dev, attempt, r.Errno));
            if (fire == 0) continue;
            _faultsFired++;
            Fired.Add((kernel.NowUs, Describe(site, dev, attempt, r.Errno)));
            return r.Errno;
        }
        return 0;
    }

    public int? ContextBankLimit(Kernel kernel, Device iommu) =>
        _faults.ContextBanks.TryGetValue(iommu.Name, out int n) || _faults.ContextBanks.TryGetValue("*", out n) ? n : null;

    internal static string Describe(FaultSite site, Device dev, int attempt, int errno) => site switch
    {
        FaultSite.Probe => $"probe of {dev.Name} returns -{ProbeSim.Kernel.Drivers.Errno.Name(errno)} (attempt {attempt})",
        FaultSite.Alloc => $"an allocation in the probe of {dev.Name} fails: -ENOMEM (attempt {attempt})",
        FaultSite.DomainAlloc => $"domain_alloc of {dev.Name} returns NULL",
        FaultSite.IommuProbe => $"IOMMU driver probe of {dev.Name} fails with -{ProbeSim.Kernel.Drivers.Errno.Name(errno)}",
        _ => $"IOMMU {dev.Name} never calls iommu_device_register",
    };
}
