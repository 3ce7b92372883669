namespace ProbeSim.DeviceTree.Binary;

/// <summary>One checked structure-block token. Offsets are from the start of the blob.</summary>
internal readonly record struct FdtToken(
    uint Tag,
    int Offset,
    int NameStart,
    int NameLength,
    int ValueStart,
    int ValueLength,
    uint NameOffset);
