using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Preprocessor;

namespace ProbeSim.Cli.Boot;

/// <summary>Finds and loads the board a boot command names: the built-in sample, a DTS (kernel-tree boards get the kernel's include paths) or a DTB.</summary>
public static class BoardLoader
{
    public const string SampleBoard = "samples/boards/probesim-demo.dts";

    /// <summary>The sample board shipped next to the tool (or in the source tree when run from it).</summary>
    public static string SamplePath()
    {
        foreach (var root in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var p = Path.Combine(root, SampleBoard);
            if (File.Exists(p)) return p;
        }
        return Path.Combine(AppContext.BaseDirectory, SampleBoard);
    }

    public static LoadResult Load(string path, IReadOnlyList<string> includeDirs, SourceFileCache? cache = null)
    {
        var loader = new DeviceTreeLoader(cache);
        var format = DeviceTreeLoader.GuessFormat(path);
        if (format == InputFormat.Dtb)
        {
            // a blob includes nothing: the directories would be silently ignored
            if (includeDirs.Count > 0) throw new ArgumentException($"--include-dir is for a .dts board; {path} is a blob (.dtb)");
            return loader.Load(path, new LoadOptions { Format = InputFormat.Dtb });
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var options = KernelRootOf(dir) is { } root ? LoadOptions.KernelBoard(root, dir) : new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        if (!options.PreprocessorIncludeDirs.Contains(dir)) options.PreprocessorIncludeDirs.Add(dir);
        var include = Path.Combine(dir, "include");
        if (Directory.Exists(include)) options.PreprocessorIncludeDirs.Add(include);
        options.PreprocessorIncludeDirs.AddRange(includeDirs);
        options.Compile.IncludeDirs.AddRange(includeDirs);
        return loader.Load(path, options);
    }

    /// <summary>A kernel tree laid out like ../shared/corpus (src/ARCH/..., include/dt-bindings) above the board's directory.</summary>
    public static string? KernelRootOf(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "include", "dt-bindings")) && Directory.Exists(Path.Combine(d.FullName, "src")))
                return d.FullName;
        return null;
    }
}

