using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Preprocessor;

namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>Shorthands for running the preprocessor on text in tests.</summary>
internal static class Pp
{
    /// <summary>The full output of preprocessing <paramref name="text"/> as file "t.dts".</summary>
    public static PreprocessResult Run(string text, params string[] defines) => RunAs(text, "t.dts", null, defines);

    public static PreprocessResult RunAs(string text, string fileName, IEnumerable<string>? includeDirs, params string[] defines)
    {
        var o = new PreprocessorOptions();
        if (includeDirs is not null) o.IncludeDirs.AddRange(includeDirs);
        o.Defines.AddRange(defines);
        return new CPreprocessor(o).PreprocessText(text, fileName);
    }

    /// <summary>The non-empty, non-marker output lines, with trailing spaces removed.</summary>
    public static List<string> Lines(string text, params string[] defines) => OutputLines(Run(text, defines).Text);

    public static List<string> OutputLines(string output) =>
        output.Split('\n').Where(l => !CppTokenComparer.IsMarker(l) && l.Trim().Length > 0).Select(l => l.TrimEnd()).ToList();

    /// <summary>The output lines joined with '\n' (markers and blank lines dropped).</summary>
    public static string Body(string text, params string[] defines) => string.Join("\n", Lines(text, defines));

    /// <summary>The single error the text produces.</summary>
    public static Diagnostic Error(string text, string fileName = "t.dts", IEnumerable<string>? includeDirs = null)
    {
        var e = Assert.Throws<DeviceTreeException>(() => RunAs(text, fileName, includeDirs));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Severity.Error, d.Severity);
        return d;
    }

    /// <summary>"file:line:col" of an error.</summary>
    public static string Where(Diagnostic d) => d.Location?.ToString() ?? "<no location>";
}

/// <summary>Reads GCC line markers as dtc does: each output line mapped to (file, line).</summary>
internal static class LineMap
{
    public readonly record struct MappedLine(string File, int Line, string Text);

    public static List<MappedLine> Map(string output)
    {
        var result = new List<MappedLine>();
        string file = "";
        int line = 1;
        foreach (var l in output.Split('\n'))
        {
            if (CppTokenComparer.IsMarker(l))
            {
                // # <line> "<file>" [flags]
                int sp = l.IndexOf(' ', 2);
                line = int.Parse(l[2..sp]);
                int q1 = l.IndexOf('"'), q2 = l.LastIndexOf('"');
                file = l[(q1 + 1)..q2];
                continue;
            }
            result.Add(new MappedLine(file, line, l));
            line++;
        }
        return result;
    }

    /// <summary>Where the first output line containing <paramref name="needle"/> comes from.</summary>
    public static MappedLine Find(string output, string needle) => Map(output).First(m => m.Text.Contains(needle, StringComparison.Ordinal));
}

/// <summary>A temporary directory with files, deleted at dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public string Root { get; } = TestPaths.NewTempDir();

    public string Write(string relative, string text)
    {
        var p = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text);
        return p;
    }

    public string this[string relative] => Path.Combine(Root, relative);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
