using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ProbeSim.Fuzz.Core;

/// <summary>Writes an input's files into a scratch directory (emptied first) and fingerprints the files the run reads.</summary>
public static class CaseWriter
{
    public static void Write(string dir, FuzzCase c)
    {
        Clear(dir);
        foreach (var f in c.Files)
        {
            try
            {
                WriteEntry(dir, f);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // two entries that cannot both exist (a file and a directory of one name): the later one is dropped, the same way every time
            }
        }
    }

    private static void WriteEntry(string dir, CaseFile f)
    {
        {
            var full = Resolve(dir, f.Path);
            var parent = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(parent);
            if (f.IsDirectory) Directory.CreateDirectory(full);
            else if (f.LinkTo is { } target)
            {
                var fullTarget = Resolve(dir, target);
                if (f.HardLink)
                {
                    if (File.Exists(fullTarget) && Link(fullTarget, full) != 0) File.Copy(fullTarget, full);
                }
                else File.CreateSymbolicLink(full, Path.GetRelativePath(parent, fullTarget));
            }
            else File.WriteAllBytes(full, f.Content!);
        }
    }

    /// <summary>An entry's full path; refuses anything that could leave the scratch directory.</summary>
    public static string Resolve(string dir, string relative)
    {
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Split('/').Contains(".."))
            throw new InvalidOperationException($"fuzz input path '{relative}' would leave the scratch directory");
        return Path.Combine(dir, relative);
    }

    /// <summary>Empties <paramref name="dir"/> (creating it if needed) without following links.</summary>
    public static void Clear(string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var e in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            if (e is DirectoryInfo d && d.LinkTarget is null) d.Delete(recursive: true);
            else e.Delete();
        }
    }

    /// <summary>SHA-256 of each input file as it is now (null when it is missing or not a file).</summary>
    public static Dictionary<string, string?> Fingerprint(string dir, FuzzCase c)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var path in c.Inputs)
        {
            var full = Resolve(dir, path);
            try
            {
                result[path] = File.Exists(full) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full))) : null;
            }
            catch (IOException)
            {
                result[path] = null;
            }
            catch (UnauthorizedAccessException)
            {
                result[path] = null;
            }
        }
        return result;
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
