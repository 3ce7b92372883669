using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Iommu;

// Kernel.Fork: the IOMMU core's state copied into a fork (each file's DigestFields lists the fields); the wiring (the
// kernel, iommu_buses[], the notifier blocks) is the fork's own, made by its constructor.
internal sealed partial class IommuCore
{
    internal void CopyFrom(IommuCore from, ForkMap map)
    {
        // IommuCore.DefaultDomain.cs
        _defDomainType = from._defDomainType;
        _defTypeFromCmdline = from._defTypeFromCmdline;
        _strictFromCmdline = from._strictFromCmdline;
        _lazy = from._lazy;
        // IommuCore.Domains.cs
        _domainSeq = from._domainSeq;
        // IommuCore.Groups.cs: every group ever allocated, freed ones too
        foreach (var g in from._groups) _groups.Add(map.Group(g)!);
        // IommuCore.NamedDomains.cs
        foreach (var (name, d) in from._namedDomains) _namedDomains[name] = map.Dom(d)!;
        // IommuCore.Register.cs
        foreach (var i in from._iommus) _iommus.Add(map.Inst(i)!);
        foreach (var i in from._iommuInstances) _iommuInstances.Add(map.Inst(i)!);
        foreach (var (bus, i) in from._busOps) _busOps[map.Bus(bus)] = map.Inst(i)!;
    }
}
