using System.Text;

namespace ProbeSim.Acpi.Machine;

/// <summary>Reads the files of a machine directory with bounds: a table or command line is small, a huge file is refused.</summary>
internal static class MachineFiles
{
    /// <summary>A table file above this is refused before it is read (real DMAR/IVRS/MCFG tables are a few KiB).</summary>
    public const long MaxTableBytes = 16 << 20;

    /// <summary>The kernel's command line is at most a few KiB (COMMAND_LINE_SIZE is 2048 on x86).</summary>
    public const long MaxCommandLineBytes = 64 << 10;

    /// <summary>The bytes of <c>tables/NAME</c>, or null when there is no such file.</summary>
    public static (string Path, byte[] Bytes)? ReadTable(string tables, string name)
    {
        var path = Path.Combine(tables, name);
        if (System.IO.Directory.Exists(path))
            throw new AcpiMachineException(path, "is a directory, not a table file");
        if (!File.Exists(path)) return null;
        return (path, ReadBounded(path, MaxTableBytes));
    }

    /// <summary>The command line with its trailing newline removed, or null when there is no such file.</summary>
    public static string? ReadCommandLine(string path)
    {
        if (System.IO.Directory.Exists(path))
            throw new AcpiMachineException(path, "is a directory, not the kernel command line");
        if (!File.Exists(path)) return null;
        return Encoding.UTF8.GetString(ReadBounded(path, MaxCommandLineBytes)).TrimEnd('\n', '\r', '\0');
    }

    private static byte[] ReadBounded(string path, long max)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            // sysfs and pipes may report length 0: read up to the bound either way
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = s.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > max)
                    throw new AcpiMachineException(path, $"is larger than {max} bytes");
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new AcpiMachineException(path, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new AcpiMachineException(path, $"cannot be read: {e.Message}");
        }
    }
}
