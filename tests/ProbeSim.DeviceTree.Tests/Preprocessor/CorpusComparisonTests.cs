using ProbeSim.DeviceTree.Preprocessor;
using Xunit.Abstractions;

namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>
/// Token-for-token agreement with the system cpp on real arm64 boards of the shared Linux v7.1 corpus
/// (whitespace and line markers aside).
/// </summary>
public class CorpusComparisonTests
{
    private readonly ITestOutputHelper _output;

    public CorpusComparisonTests(ITestOutputHelper output) => _output = output;

    private static string Arm64 => Path.Combine(TestPaths.Corpus("v7.1"), "src", "arm64");

    /// <summary>About 50 boards: the first two of each vendor directory, in name order.</summary>
    private static List<string> SampleBoards()
    {
        var boards = new List<string>();
        foreach (var vendor in Directory.GetDirectories(Arm64).OrderBy(d => d, StringComparer.Ordinal))
        {
            var files = Directory.GetFiles(vendor, "*.dts").OrderBy(f => f, StringComparer.Ordinal).ToList();
            boards.AddRange(files.Take(files.Count > 20 ? 2 : 1).Select(f => Path.GetRelativePath(Arm64, f).Replace('\\', '/')));
        }
        return boards.Take(50).ToList();
    }

    [Fact]
    public void Sample_of_arm64_boards_is_token_identical_to_system_cpp()
    {
        if (!Directory.Exists(Arm64))
        {
            _output.WriteLine($"corpus not found at {Arm64}; comparison not run");
            return;
        }
        if (!CppTokenComparer.SystemCppAvailable())
        {
            _output.WriteLine("system cpp not installed; comparison not run");
            return;
        }
        var cache = new SourceFileCache();
        var boards = SampleBoards();
        Assert.True(boards.Count >= 40, $"only {boards.Count} boards found");
        var failures = new List<string>();
        foreach (var board in boards)
        {
            var dirs = new[] { "../../include", Path.GetDirectoryName(board)!, ".." };
            string? expected = CppTokenComparer.RunSystemCpp(Arm64, board, dirs);
            if (expected is null) { failures.Add($"{board}: system cpp failed"); continue; }
            var o = new PreprocessorOptions();
            // paths as cpp sees them from src/arm64, made absolute so the test does not depend on the working directory
            foreach (var d in dirs) o.IncludeDirs.Add(Path.GetFullPath(Path.Combine(Arm64, d)));
            o.Defines.Add("__DTS__");
            var actual = new CPreprocessor(o, cache).Preprocess(Path.Combine(Arm64, board)).Text;
            var diff = CppTokenComparer.FirstDifference(expected, actual);
            if (diff is not null) failures.Add($"{board}: {diff}");
        }
        _output.WriteLine($"{boards.Count - failures.Count}/{boards.Count} boards token-identical");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Line_markers_of_a_real_board_map_every_line_to_its_source()
    {
        if (!Directory.Exists(Arm64)) { _output.WriteLine("corpus not found; not run"); return; }
        var board = Path.Combine(Arm64, SampleBoards()[0]);
        var o = new PreprocessorOptions();
        o.IncludeDirs.Add(Path.Combine(TestPaths.Corpus("v7.1"), "include"));
        o.IncludeDirs.Add(Path.GetDirectoryName(board)!);
        o.IncludeDirs.Add(Path.Combine(TestPaths.Corpus("v7.1"), "src"));
        o.Defines.Add("__DTS__");
        var text = new CPreprocessor(o).Preprocess(board).Text;
        int checkedLines = 0;
        var sources = new Dictionary<string, string[]>();
        foreach (var m in LineMap.Map(text))
        {
            // every copied line (untouched by macros and comments) equals its source line
            if (m.Text.Length == 0 || !File.Exists(m.File)) continue;
            if (!sources.TryGetValue(m.File, out var src)) sources[m.File] = src = File.ReadAllLines(m.File);
            var original = src[m.Line - 1];
            if (original.Contains("/*") || original.Contains("//") || original.EndsWith('\\')) continue;
            if (original == m.Text) { checkedLines++; continue; }
            // an expanded line keeps the first token's indentation and starts with the same token
            Assert.StartsWith(original.TrimStart()[..1], m.Text.TrimStart());
        }
        Assert.True(checkedLines > 50, $"only {checkedLines} verbatim lines checked");
    }
}
