using System.Security.Cryptography;
using System.Text;

namespace ProbeSim.Fuzz.Core;

/// <summary>
/// One generated input: the files to write into the worker's scratch directory, the argument vector to run there,
/// standard input, and which files the run reads (they must be unchanged afterwards).
/// </summary>
public sealed class FuzzCase
{
    public FuzzCase(long seed, long index, FuzzKind kind)
    {
        Seed = seed;
        Index = index;
        Kind = kind;
    }

    public long Seed { get; }
    public long Index { get; }
    public FuzzKind Kind { get; }

    public List<CaseFile> Files { get; } = new();
    public List<string> Args { get; } = new();

    /// <summary>Relative paths of the files the run reads; a run that changes one of them has overwritten an input.</summary>
    public SortedSet<string> Inputs { get; } = new(StringComparer.Ordinal);

    public string Stdin { get; set; } = "";

    /// <summary>What the generator did (seed file, mutations), for the replay printout.</summary>
    public List<string> Notes { get; } = new();

    public string Id => $"{Seed}:{Index}";

    public void Add(string path, byte[] content, bool input = true)
    {
        Files.RemoveAll(f => f.Path == path);
        Files.Add(new CaseFile(path, content));
        if (input) Inputs.Add(path);
    }

    public void AddText(string path, string text, bool input = true) => Add(path, Encoding.UTF8.GetBytes(text), input);

    public void AddDirectory(string path) => Files.Add(new CaseFile(path));

    public void AddLink(string path, string target, bool hard = false) => Files.Add(new CaseFile(path, LinkTo: target, HardLink: hard));

    public bool Has(string path) => Files.Any(f => f.Path == path);

    /// <summary>Marks every file under <paramref name="dir"/> as read by the run.</summary>
    public void MarkInputsUnder(string dir)
    {
        foreach (var f in Files)
            if (f.Content is not null && (f.Path == dir || f.Path.StartsWith(dir + "/", StringComparison.Ordinal))) Inputs.Add(f.Path);
    }

    /// <summary>A digest of everything that defines the input (files, links, arguments, stdin, inputs): equal digests, equal inputs.</summary>
    public string Digest()
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Str(string s)
        {
            var b = Encoding.UTF8.GetBytes(s);
            h.AppendData(BitConverter.GetBytes(b.Length));
            h.AppendData(b);
        }
        Str(FuzzKinds.Name(Kind));
        foreach (var f in Files)
        {
            Str(f.Path);
            Str(f.LinkTo ?? "");
            Str(f.HardLink ? "h" : "s");
            h.AppendData(BitConverter.GetBytes(f.Content?.Length ?? -1));
            if (f.Content is not null) h.AppendData(f.Content);
        }
        foreach (var a in Args) Str(a);
        Str(Stdin);
        foreach (var i in Inputs) Str(i);
        return Convert.ToHexString(h.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>The argument vector quoted for a POSIX shell.</summary>
    public string CommandLine() => "probesim " + string.Join(' ', Args.Select(ShellQuote));

    public static string ShellQuote(string s)
    {
        if (s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+%".Contains(c))) return s;
        var sb = new StringBuilder();
        bool plain = true;
        foreach (var c in s) if (c < 0x20 || c == 0x7f) plain = false;
        if (plain) return "'" + s.Replace("'", "'\\''") + "'";
        sb.Append("$'");
        foreach (var c in s)
        {
            if (c == '\'' || c == '\\') sb.Append('\\').Append(c);
            else if (c < 0x20 || c == 0x7f) sb.Append($"\\x{(int)c:x2}");
            else sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }
}
