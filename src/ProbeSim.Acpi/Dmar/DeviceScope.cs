namespace ProbeSim.Acpi.Dmar;

/// <summary>The type of a DMAR device scope entry.</summary>
public enum DeviceScopeType
{
    /// <summary>0 and 6 and above: not a type the kernel knows; <see cref="DeviceScope.RawType"/> keeps the number.</summary>
    Unknown = 0,
    /// <summary>1: a PCI endpoint.</summary>
    PciEndpoint = 1,
    /// <summary>2: a PCI-PCI bridge and everything below it (its sub-hierarchy).</summary>
    PciBridge = 2,
    /// <summary>3: an I/O APIC; the enumeration ID is its APIC ID.</summary>
    IoApic = 3,
    /// <summary>4: an HPET (MSI-capable timer block); the enumeration ID is its number.</summary>
    Hpet = 4,
    /// <summary>5: an ACPI namespace device; the enumeration ID is the ANDD structure's device number.</summary>
    AcpiNamespaceDevice = 5,
}

/// <summary>One step of a device scope's path: a device and function on the bus the previous step leads to.</summary>
public readonly record struct PciPathStep(byte Device, byte Function)
{
    public override string ToString() => $"{Device:x2}.{Function:x}";
}

/// <summary>
/// A device scope entry: where it is (<paramref name="Offset"/> in the table), its type, length, enumeration ID, the
/// bus the path starts on, and the path of (device, function) steps from that bus to the device.
/// </summary>
public sealed record DeviceScope(
    long Offset,
    DeviceScopeType Type,
    byte RawType,
    byte Length,
    byte EnumerationId,
    byte StartBus,
    IReadOnlyList<PciPathStep> Path)
{
    /// <summary>The scope's device as bus:device.function when its path has one step (the common case); null otherwise.</summary>
    public string? DirectBdf => Path.Count == 1 ? $"{StartBus:x2}:{Path[0].Device:x2}.{Path[0].Function:x}" : null;
}
