namespace ProbeSim.DeviceTree.Corpus;

/// <summary>One board (<c>.dts</c>) or overlay (<c>.dtso</c>) of a kernel tree laid out as <c>ROOT/src/ARCH/...</c>.</summary>
public sealed record BoardSource(string Path, string RelativePath, bool IsOverlay)
{
    /// <summary>The blob's relative path: <c>.dts</c> gives <c>.dtb</c>, <c>.dtso</c> gives <c>.dtbo</c>.</summary>
    public string OutputRelativePath => IsOverlay ? System.IO.Path.ChangeExtension(RelativePath, ".dtbo") : System.IO.Path.ChangeExtension(RelativePath, ".dtb");
}

/// <summary>The device-tree sources of a kernel tree (<c>ROOT/src/ARCH/**</c>, <c>ROOT/include</c>), as the kernel's dts Makefile sees them.</summary>
public static class KernelDtsTree
{
    public static string ArchDir(string root, string arch) => Path.Combine(root, "src", arch);

    /// <summary>Every board and overlay under <c>ROOT/src/ARCH</c>, in a stable (ordinal) order.</summary>
    public static IReadOnlyList<BoardSource> Boards(string root, string arch, bool includeOverlays = true)
    {
        var dir = ArchDir(root, arch);
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: no such directory (expected ROOT/src/{arch})");
        var list = new List<BoardSource>();
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var overlay = f.EndsWith(".dtso", StringComparison.Ordinal);
            if (!overlay && !f.EndsWith(".dts", StringComparison.Ordinal)) continue;
            if (overlay && !includeOverlays) continue;
            list.Add(new BoardSource(f, Path.GetRelativePath(dir, f).Replace('\\', '/'), overlay));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return list;
    }

    /// <summary>cmd_dtc: cpp with -I include, -I the board's dir, -I src; dtc with -i the board's dir and -b 0; overlays with -@.</summary>
    public static LoadOptions LoadOptionsFor(string root, BoardSource board) =>
        LoadOptions.KernelBoard(root, Path.GetDirectoryName(board.Path)!, symbols: board.IsOverlay);
}
