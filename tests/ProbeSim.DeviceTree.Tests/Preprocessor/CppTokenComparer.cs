using System.Diagnostics;
using System.Text;

namespace ProbeSim.DeviceTree.Tests.Preprocessor;

/// <summary>
/// Compares preprocessor outputs token by token, ignoring whitespace and line markers; and runs the system cpp
/// the way the kernel's dts build does.
/// </summary>
public static class CppTokenComparer
{
    /// <summary>
    /// Splits preprocessed text into tokens: quoted literals closed on their line, runs of letters/digits/_/$,
    /// and single other characters. Lines that are GCC line markers (<c># 12 "file"</c>) are skipped.
    /// </summary>
    public static List<string> Tokens(string text)
    {
        var result = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (IsMarker(line)) continue;
            int i = 0, n = line.Length;
            while (i < n)
            {
                char c = line[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                if (c == '"' || c == '\'')
                {
                    int j = i + 1;
                    while (j < n && line[j] != c) j += line[j] == '\\' ? 2 : 1;
                    if (j < n) { result.Add(line.Substring(i, j - i + 1)); i = j + 1; continue; }
                    result.Add(line[i..]);
                    break;
                }
                if (char.IsLetterOrDigit(c) || c == '_' || c == '$')
                {
                    int j = i + 1;
                    while (j < n && (char.IsLetterOrDigit(line[j]) || line[j] == '_' || line[j] == '$')) j++;
                    result.Add(line[i..j]);
                    i = j;
                    continue;
                }
                result.Add(c.ToString());
                i++;
            }
        }
        return result;
    }

    public static bool IsMarker(string line) =>
        line.Length > 2 && line[0] == '#' && line[1] == ' ' && char.IsAsciiDigit(line[2]);

    /// <summary>Null if equal, else a description of the first difference.</summary>
    public static string? FirstDifference(string expected, string actual)
    {
        var a = Tokens(expected);
        var b = Tokens(actual);
        int n = Math.Min(a.Count, b.Count);
        for (int i = 0; i < n; i++)
            if (a[i] != b[i])
                return $"token {i}: expected '{a[i]}' got '{b[i]}' near expected [{string.Join(" ", a.Skip(Math.Max(0, i - 8)).Take(16))}] actual [{string.Join(" ", b.Skip(Math.Max(0, i - 8)).Take(16))}]";
        return a.Count == b.Count ? null : $"token count differs: expected {a.Count}, got {b.Count}";
    }

    /// <summary>Runs <c>cpp -nostdinc -I... -undef -D__DTS__ -x assembler-with-cpp file</c>; null if cpp is not installed.</summary>
    public static string? RunSystemCpp(string workDir, string file, IEnumerable<string> includeDirs)
    {
        var psi = new ProcessStartInfo("cpp")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("-nostdinc");
        foreach (var d in includeDirs) { psi.ArgumentList.Add("-I"); psi.ArgumentList.Add(d); }
        foreach (var a in new[] { "-undef", "-D__DTS__", "-x", "assembler-with-cpp", file }) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi);
            if (p is null) return null;
            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            _ = stderr.Result;
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // cpp not installed
        }
    }

    public static bool SystemCppAvailable()
    {
        try
        {
            var psi = new ProcessStartInfo("cpp", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            if (p is null) return false;
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
