namespace ProbeSim.Kernel.Drivers;

/// <summary>How an IOMMU driver forms groups (its ops->device_group).</summary>
public enum IommuGroupPolicy
{
    /// <summary>generic_device_group: one group per master.</summary>
    PerDevice,
    /// <summary>One group per IOMMU instance (ipmmu-vmsa, mediatek, rockchip v5+, generic_single_device_group).</summary>
    PerInstance,
    /// <summary>arm_smmu_device_group: masters whose stream IDs overlap share the group recorded on the stream-map entries.</summary>
    StreamId,
}

/// <summary>
/// What a scenario file says about an IOMMU driver (key <c>iommu:</c>); null fields keep the driver's known default
/// (<see cref="ProbeSim.Kernel.Iommu.IommuDriverCatalog"/>).
/// </summary>
public sealed record IommuDriverSpec
{
    /// <summary>Whether probe calls iommu_device_register (ipmmu-vmsa in v4.12-rc1 did not).</summary>
    public bool? Registers { get; init; }
    /// <summary>Translation contexts (arm-smmu context banks); null = the driver's default.</summary>
    public int? ContextBanks { get; init; }
    public IommuGroupPolicy? Group { get; init; }
    /// <summary>The driver implements of_xlate.</summary>
    public bool? OfXlate { get; init; }
    /// <summary>The driver has an IOMMU_OF_DECLARE entry (only meaningful when built in).</summary>
    public bool? OfDeclare { get; init; }
    /// <summary>Can allocate IDENTITY domains.</summary>
    public bool? Identity { get; init; }
    /// <summary>Compatibles of masters the driver's def_domain_type puts in IDENTITY (qcom_smmu_client_of_match style).</summary>
    public IReadOnlyList<string>? IdentityClients { get; init; }
    /// <summary>arm32: add_device attaches a mapping shared by all the instance's masters (ipmmu-vmsa on R-Car Gen2).</summary>
    public bool? SharedArmMapping { get; init; }
    /// <summary>StreamID width of the IOMMU hardware (SMMUv3 SIDSIZE, 1-32); null = the profile's iommu_stream_id_bits.</summary>
    public int? StreamIdBits { get; init; }
}
