namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>Device IDs <see cref="First"/> to <see cref="Last"/> (inclusive) of one vendor, as a quirk's <c>case a ... b:</c> or one ID.</summary>
public readonly record struct PciDeviceRange(ushort First, ushort Last)
{
    public static implicit operator PciDeviceRange(ushort id) => new(id, id);

    public bool Contains(ushort device) => device >= First && device <= Last;

    public override string ToString() => First == Last ? $"{First:x4}" : $"{First:x4}-{Last:x4}";
}
