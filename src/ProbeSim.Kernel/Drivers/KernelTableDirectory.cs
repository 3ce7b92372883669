namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// What makes a directory a kernel driver set (laid out like <c>../shared/kernels/debian-bookworm-arm64</c>, see that
/// folder's README): every table <see cref="KernelDriverTables"/> reads must be there. A missing table is not taken
/// as empty: that would give a kernel without the drivers it lists, and a boot of wrong answers.
/// </summary>
public static class KernelTableDirectory
{
    /// <summary>The files a driver set must have (each may hold no rows, but must exist).</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        ["of-builtin-match-tables.tsv", "of-module-aliases.tsv", "amba-ids.tsv", "early-of-tables.tsv", "config.txt"];

    /// <summary>Largest table file read: 16 MiB (Debian's arm64 tables are under 1 MiB together).</summary>
    public const long MaxFileBytes = 16L << 20;

    /// <summary>The required files <paramref name="directory"/> lacks (none for a driver set).</summary>
    public static IReadOnlyList<string> Missing(string directory) =>
        RequiredFiles.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();

    /// <summary>
    /// Throws a <see cref="DirectoryNotFoundException"/> whose message starts with <paramref name="directory"/> when it
    /// does not exist or is not a driver set: one line naming the missing files and, when subdirectories are driver sets,
    /// suggesting them (<c>did you mean ../shared/kernels/debian-bookworm-arm64?</c>).
    /// </summary>
    public static void Check(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: No such directory");
        var missing = Missing(directory);
        if (missing.Count == 0) return;
        var sets = Directory.GetDirectories(directory)
            .Where(d => Missing(d).Count == 0)
            .Select(d => Path.Combine(directory, Path.GetFileName(d)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var hint = sets.Count == 0 ? "" : $"; did you mean {string.Join(" or ", sets)}?";
        throw new DirectoryNotFoundException($"{directory}: not a kernel driver-set directory (missing {string.Join(", ", missing)}){hint}");
    }

    /// <summary>The lines of a table file, refused (file:1:1) when it holds more than <see cref="MaxFileBytes"/>.</summary>
    internal static IEnumerable<string> ReadLines(string path) =>
        BoundedFile.ReadLines(path, MaxFileBytes, () => new KernelTableException(new(path, 1, 1),
            $"the file is larger than {MaxFileBytes >> 20} MiB, the limit for a kernel table"));
}
