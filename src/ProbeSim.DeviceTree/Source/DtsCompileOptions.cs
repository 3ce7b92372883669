namespace ProbeSim.DeviceTree.Source;

/// <summary>The dtc options that change what a DTS compiles to.</summary>
public sealed class DtsCompileOptions
{
    /// <summary>Search directories for <c>/include/</c> and <c>/incbin/</c> (dtc -i), after the including file's own directory.</summary>
    public List<string> IncludeDirs { get; } = new();

    /// <summary>dtc -@: add <c>__symbols__</c> and give every labelled node a phandle.</summary>
    public bool GenerateSymbols { get; set; }

    /// <summary>dtc -L: add <c>__fixups__</c>/<c>__local_fixups__</c> even when not a plugin.</summary>
    public bool GenerateFixups { get; set; }

    /// <summary>dtc -A: add an <c>aliases</c> entry per label.</summary>
    public bool AutoLabelAliases { get; set; }

    /// <summary>dtc -b: the boot CPU; null keeps what the tree says (the first CPU's reg).</summary>
    public uint? BootCpuId { get; set; }
}
