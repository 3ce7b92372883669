using System.IO.Compression;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace ProbeSim.Import.Package;

/// <summary>
/// A kernel module file as a seekable stream of its ELF bytes. Kbuild installs modules as <c>.ko</c> or, with
/// CONFIG_MODULE_COMPRESS_{GZIP,XZ,ZSTD}, as <c>.ko.gz</c>, <c>.ko.xz</c>, <c>.ko.zst</c> (scripts/Makefile.modinst);
/// Debian 13's arm64 package ships <c>.ko.xz</c>.
/// </summary>
public static class ModuleFile
{
    /// <summary>The file name endings of a module, plain first.</summary>
    public static readonly IReadOnlyList<string> Endings = [".ko", ".ko.xz", ".ko.zst", ".ko.gz"];

    /// <summary>Whether <paramref name="path"/> names a module, compressed or not.</summary>
    public static bool IsModule(string path) => Endings.Any(e => path.EndsWith(e, StringComparison.Ordinal));

    /// <summary>The module's file name without its ending (<c>af_key.ko.xz</c> → <c>af_key</c>).</summary>
    public static string BaseName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var e in Endings.Reverse())
            if (name.EndsWith(e, StringComparison.Ordinal)) return name[..^e.Length];
        return name;
    }

    /// <summary>Opens the module, decompressing it into memory when its name says it is compressed.</summary>
    public static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        Stream? decoder = null;
        try
        {
            decoder = path.EndsWith(".xz", StringComparison.Ordinal) ? new XZStream(file)
                : path.EndsWith(".zst", StringComparison.Ordinal) ? new DecompressionStream(file)
                : path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress)
                : null;
            if (decoder is null) return file;
            var memory = new MemoryStream();
            decoder.CopyTo(memory);
            memory.Position = 0;
            return memory;
        }
        catch (Exception e) when (e is not IOException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: cannot decompress ({e.Message})");
        }
        finally
        {
            decoder?.Dispose();
            if (decoder is not null) file.Dispose();
        }
    }
}
