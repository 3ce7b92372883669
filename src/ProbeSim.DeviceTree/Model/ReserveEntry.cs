namespace ProbeSim.DeviceTree.Model;

/// <summary>One <c>/memreserve/</c> entry (an FDT memory reservation block entry).</summary>
public sealed record ReserveEntry(ulong Address, ulong Size)
{
    public List<string> Labels { get; } = new();
}

/// <summary>One decoded (address, size) pair of a <c>reg</c> property.</summary>
public readonly record struct RegEntry(ulong Address, ulong Size);
