namespace ProbeSim.Cli.Tests.Readme;

/// <summary>One <c>```sh</c> block of the README: where it starts and its text, run as one bash script.</summary>
public sealed record ReadmeBlock(int Line, string Text)
{
    /// <summary>The commands of the block: comments and blank lines dropped, backslash continuations joined.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            var commands = new List<string>();
            var pending = "";
            foreach (var raw in Text.Split('\n'))
            {
                var line = raw.TrimEnd();
                if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)) continue;
                if (line.EndsWith('\\')) { pending += line[..^1].TrimEnd() + " "; continue; }
                var hash = line.IndexOf("  #", StringComparison.Ordinal);
                if (hash >= 0) line = line[..hash].TrimEnd();
                commands.Add((pending + line.Trim()).Trim());
                pending = "";
            }
            return commands;
        }
    }
}

/// <summary>The shell blocks of a Markdown file.</summary>
public static class ReadmeBlocks
{
    public static IReadOnlyList<ReadmeBlock> Parse(string markdown)
    {
        var blocks = new List<ReadmeBlock>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```sh") continue;
            int start = i + 1;
            int end = start;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            if (end == lines.Length) throw new FormatException($"README.md:{i + 1}: unterminated ```sh block");
            blocks.Add(new ReadmeBlock(start + 1, string.Join('\n', lines[start..end])));
            i = end;
        }
        return blocks;
    }
}
