namespace ProbeSim.DeviceTree.Binary;

/// <summary>dtc's blob layout options: <c>-R</c>, <c>-p</c>, <c>-S</c> and <c>-a</c>.</summary>
public sealed record FdtWriteOptions
{
    public static readonly FdtWriteOptions Default = new();

    /// <summary><c>-R N</c>: extra empty memory reservation entries before the terminator.</summary>
    public int ReserveEntries { get; init; }

    /// <summary><c>-p N</c>: zero bytes added after the strings block.</summary>
    public int PadSize { get; init; }

    /// <summary><c>-S N</c>: pad the blob up to at least this total size.</summary>
    public int MinSize { get; init; }

    /// <summary><c>-a N</c>: round the total size up to a multiple of this power of two.</summary>
    public int AlignSize { get; init; }

    /// <summary>main (dtc.c): -p and -S exclude each other, -a must be a power of two, counts are not negative.</summary>
    public void Validate()
    {
        if (MinSize != 0 && PadSize != 0) throw new ArgumentException("Can't set both -p and -S");
        if (AlignSize < 0 || (AlignSize & (AlignSize - 1)) != 0)
            throw new ArgumentException($"Invalid argument \"{AlignSize}\" to -a option");
        if (ReserveEntries < 0) throw new ArgumentException("-R needs a count of zero or more");
    }

    /// <summary>dt_to_blob: the zero padding after the strings block for a blob of <paramref name="totalSize"/> bytes.</summary>
    public long PaddingFor(long totalSize)
    {
        long pad = 0;
        // dt_to_blob: -S pads up to the minimum size (never below the content)
        if (MinSize > 0) pad = Math.Max(0, MinSize - totalSize);
        // dt_to_blob: -p replaces whatever -S asked for
        if (PadSize > 0) pad = PadSize;
        // dt_to_blob: -a then rounds content plus padding up to the alignment
        if (AlignSize > 0) pad = (totalSize + pad + AlignSize - 1) / AlignSize * AlignSize - totalSize;
        return Math.Max(0, pad);
    }
}
