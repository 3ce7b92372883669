using System.Buffers.Binary;

namespace ProbeSim.Import.Package;

/// <summary>Reads one section of an ELF64 file (a kernel module): the section headers and their name table, nothing else.</summary>
public static class ElfSections
{
    /// <summary>The bytes of section <paramref name="name"/>, or null when the file has none. Throws <see cref="InvalidDataException"/> on a file that is not ELF64.</summary>
    public static byte[]? Read(string path, string name)
    {
        using var fs = ModuleFile.Open(path);
        return Read(fs, path, name);
    }

    /// <summary>As <see cref="Read(string, string)"/>, from a seekable stream; <paramref name="path"/> names it in errors.</summary>
    public static byte[]? Read(Stream fs, string path, string name)
    {
        var header = ReadAt(fs, 0, 64);
        if (header.Length < 64 || header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            throw new InvalidDataException($"{path}: not an ELF file");
        if (header[4] != 2) throw new InvalidDataException($"{path}: not a 64-bit ELF file");
        bool little = header[5] == 1;
        ulong U64(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt64BigEndian(b);
        uint U32(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
        ushort U16(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
        long shoff = (long)U64(header.AsSpan(0x28));
        int shentsize = U16(header.AsSpan(0x3A)), shnum = U16(header.AsSpan(0x3C)), shstrndx = U16(header.AsSpan(0x3E));
        if (shentsize < 64 || shnum == 0 || shstrndx >= shnum || shoff <= 0 || shoff + (long)shentsize * shnum > fs.Length)
            throw new InvalidDataException($"{path}: bad ELF section header table");
        var table = ReadAt(fs, shoff, shentsize * shnum);
        (long Offset, long Size, uint Name) Section(int i)
        {
            var s = table.AsSpan(i * shentsize);
            return ((long)U64(s[0x18..]), (long)U64(s[0x20..]), U32(s));
        }
        var strtab = Section(shstrndx);
        if (strtab.Offset + strtab.Size > fs.Length) throw new InvalidDataException($"{path}: bad section name table");
        var names = ReadAt(fs, strtab.Offset, (int)strtab.Size);
        for (int i = 0; i < shnum; i++)
        {
            var s = Section(i);
            if (s.Name >= names.Length) continue;
            int end = Array.IndexOf(names, (byte)0, (int)s.Name);
            var n = System.Text.Encoding.ASCII.GetString(names, (int)s.Name, (end < 0 ? names.Length : end) - (int)s.Name);
            if (n != name) continue;
            if (s.Offset + s.Size > fs.Length || s.Size > 64 << 20) throw new InvalidDataException($"{path}: section {name} out of bounds");
            return ReadAt(fs, s.Offset, (int)s.Size);
        }
        return null;
    }

    private static byte[] ReadAt(Stream fs, long offset, int count)
    {
        var buf = new byte[count];
        fs.Position = offset;
        fs.ReadExactly(buf, 0, (int)Math.Min(count, Math.Max(0, fs.Length - offset)));
        return buf;
    }

    /// <summary>The NUL-separated <c>key=value</c> strings of a .modinfo section.</summary>
    public static IEnumerable<(string Key, string Value)> ModinfoPairs(byte[] section)
    {
        foreach (var s in System.Text.Encoding.UTF8.GetString(section).Split('\0'))
        {
            int eq = s.IndexOf('=');
            if (eq > 0) yield return (s[..eq], s[(eq + 1)..]);
        }
    }
}
