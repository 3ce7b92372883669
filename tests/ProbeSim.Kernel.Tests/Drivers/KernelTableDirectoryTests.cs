using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>
/// A driver-set directory must hold every table (../shared/kernels/README.md lists them); a missing table is not an
/// empty one, or every device of a board would end without a driver.
/// </summary>
public class KernelTableDirectoryTests
{
    [Fact]
    public void A_directory_without_the_tables_is_refused_naming_what_is_missing()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "config.txt"), "# c\nCONFIG_MODULES=y\n");
        File.WriteAllText(Path.Combine(dir, "of-module-aliases.tsv"), "# h\n");
        var e = Assert.Throws<DirectoryNotFoundException>(() => new KernelDriverTables(dir));
        Assert.Equal($"{dir}: not a kernel driver-set directory (missing of-builtin-match-tables.tsv, amba-ids.tsv, early-of-tables.tsv)", e.Message);
    }

    [Fact]
    public void The_parent_of_driver_sets_suggests_them()
    {
        var parent = TestPaths.NewTempDir();
        KernelTableErrorTests.EmptyDriverSet(Path.Combine(parent, "debian-bookworm-arm64"));
        KernelTableErrorTests.EmptyDriverSet(Path.Combine(parent, "vendor-bsp"));
        Directory.CreateDirectory(Path.Combine(parent, "notes"));
        File.WriteAllText(Path.Combine(parent, "README.md"), "tables\n");
        var e = Assert.Throws<DirectoryNotFoundException>(() => new KernelDriverTables(parent));
        Assert.Equal(
            $"{parent}: not a kernel driver-set directory (missing {string.Join(", ", KernelTableDirectory.RequiredFiles)}); "
            + $"did you mean {Path.Combine(parent, "debian-bookworm-arm64")} or {Path.Combine(parent, "vendor-bsp")}?",
            e.Message);
    }

    [Fact]
    public void A_missing_directory_is_refused()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "nope");
        var e = Assert.Throws<DirectoryNotFoundException>(() => new KernelDriverTables(dir));
        Assert.Equal($"{dir}: No such directory", e.Message);
    }

    [Fact]
    public void Empty_tables_that_exist_are_a_driver_set()
    {
        var t = new KernelDriverTables(KernelTableErrorTests.EmptyDriverSet());
        Assert.Empty(t.Drivers);
        Assert.True(t.Modules);
    }

    [Fact]
    public void A_table_larger_than_the_limit_is_refused_at_its_first_line()
    {
        var dir = KernelTableErrorTests.EmptyDriverSet();
        var path = Path.Combine(dir, "of-module-aliases.tsv");
        using (var w = new StreamWriter(path))
        {
            var line = "# " + new string('x', 1021) + "\n";
            for (long written = 0; written <= KernelTableDirectory.MaxFileBytes; written += line.Length) w.Write(line);
        }
        var e = Assert.Throws<KernelTableException>(() => new KernelDriverTables(dir));
        Assert.Equal(new ProbeSim.DeviceTree.Model.SourceLocation(path, 1, 1), e.Location);
        Assert.Contains("larger than 16 MiB", e.Reason);
    }
}
