namespace ProbeSim.Kernel.Iommu;

/// <summary>Why an IOMMU driver's probe_device refused a master (the device then has no group; the error is dropped).</summary>
public abstract record IommuProbeRefusal(int Errno);

/// <summary>The StreamID does not fit the SMMU's StreamID width (arm-smmu-v3: -ERANGE, silent; arm-smmu: -EINVAL, logged).</summary>
public sealed record StreamIdOutOfRange(uint StreamId, int Bits, int Errno) : IommuProbeRefusal(Errno);

/// <summary>arm-smmu-v3: the StreamID is already in the SMMU's stream tree, inserted by <paramref name="Owner"/> (-EINVAL).</summary>
public sealed record StreamIdInUse(uint StreamId, string Owner) : IommuProbeRefusal(-22);
