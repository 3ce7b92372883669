using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Kbuild;

/// <summary>How Kbuild builds one C file: linked in or a module, with KBUILD_MODNAME and its place in link order.</summary>
public sealed record KbuildObject(string File, BuildStatus Status, string Module, int LinkIndex, SourceLine Rule);

/// <summary>What the Kbuild files say with a .config: every C file reached through obj-y/obj-m, and what could not be read.</summary>
public sealed class KbuildResult
{
    private readonly Dictionary<string, KbuildObject> _objects;

    public KbuildResult(Dictionary<string, KbuildObject> objects, IReadOnlyList<ImportedUnknown> unknowns)
    {
        _objects = objects;
        Unknowns = unknowns;
    }

    /// <summary>Every built C file (relative path), in link order.</summary>
    public IEnumerable<KbuildObject> Objects => _objects.Values.OrderBy(o => o.LinkIndex);

    public IReadOnlyList<ImportedUnknown> Unknowns { get; }

    /// <summary>The file's object, or null when no Kbuild rule reached it (not built).</summary>
    public KbuildObject? Find(string relativeFile) => _objects.TryGetValue(relativeFile, out var o) ? o : null;

    /// <summary>The modules a file is part of by KBUILD_MODNAME (one per composite that names it).</summary>
    public int Count => _objects.Count;
}
