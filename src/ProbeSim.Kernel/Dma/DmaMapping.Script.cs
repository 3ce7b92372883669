using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;
using IommuDomainType = ProbeSim.Kernel.Iommu.IommuDomainType;

namespace ProbeSim.Kernel.Dma;

// the driver's DMA activity on the data plane, and its history
internal sealed partial class DmaMapping
{
    private PhysMemory? _physMemory;
    private PhysMemory Memory => _physMemory ??= PhysMemory.TypicalArm64();

    /// <summary>
    /// The DMA data plane's history: every script run with what it ran on (device, driver, ops, domain, the DMA attributes
    /// the ops read, the time) and every event it recorded. The data plane (memory, IOVA allocators, page tables, IOTLBs)
    /// is reached only from RunDmaScript and is deterministic, so it is a function of this history.
    /// </summary>
    private StateDigest _dmaHistory = new();

    private static readonly DigestFields ScriptFields = new(typeof(DmaMapping),
        [nameof(_dmaHistory)],
        (nameof(_physMemory), "the data plane's memory: a function of the DMA history (_dmaHistory)"));

    private void DigestDmaHistory(ref StateDigest d) => d.Add(_dmaHistory.Value);

    private void RecordDmaEvent(Device dev, DmaEvent e)
    {
        dev.Dma.Events.Add(e);
        _dmaHistory.Add(dev.Id);
        _dmaHistory.AddValue(e);
    }

    /// <summary>printk for the DMA data plane's messages.</summary>
    private sealed class DmaLogSink(DmaMapping k, Device dev) : IDmaLog
    {
        public void Log(DmaLogLevel level, string text) => k.Printk(level switch
        {
            DmaLogLevel.Err => LogLevel.Err,
            DmaLogLevel.Warning => LogLevel.Warning,
            DmaLogLevel.Notice => LogLevel.Notice,
            DmaLogLevel.Info => LogLevel.Info,
            _ => LogLevel.Debug,
        }, text, dev);
    }

    // the driver's DMA activity after a successful probe (DriverSpec.Dma): each call goes through the ops the device ended with
    internal void RunDmaScript(Device dev)
    {
        var steps = dev.Driver?.Spec.Dma;
        if (steps is null || steps.Count == 0) return;
        var ops = DmaOpsFor(dev, out var broken);
        DmaHistoryRun(dev, broken);
        var live = new List<(ulong Addr, ulong Size, string Op, CoherentBuffer? Buf)>();
        // the device may keep using an address after the driver unmapped it (the window DMA_FQ leaves open)
        (ulong Addr, ulong Size, string Op, CoherentBuffer? Buf)? gone = null;
        void Event(string op, ulong size, ulong? addr, string result, bool liveBuffer = false) => RecordDmaEvent(dev, new DmaEvent(NowUs, op, size, addr, result, liveBuffer));
        foreach (var step in steps)
        {
            Tick(5);
            if (broken is not null && step.Kind is DmaStepKind.Map or DmaStepKind.MapSg or DmaStepKind.AllocCoherent)
            {
                // arm_iommu_* with no dma_iommu_mapping: to_dma_iommu_mapping() is NULL and the first use dereferences it
                Printk(LogLevel.Alert, "Unable to handle kernel NULL pointer dereference at virtual address 00000000", dev);
                Event(step.Kind == DmaStepKind.AllocCoherent ? "dma_alloc_coherent" : "dma_map_single", step.Size, null, "oops: " + broken);
                _k.Oops($"{dev.DriverString} {dev.Name}: NULL dereference in the ARM IOMMU DMA ops ({broken})");
                return;
            }
            switch (step.Kind)
            {
                case DmaStepKind.Map:
                    {
                        var phys = Memory.Kmalloc(step.Size) ?? 0;
                        var addr = ops!.MapPage(phys, step.Size, Direction(step.Direction));
                        bool ok = addr != DmaApi.MappingError;
                        if (ok) live.Add((addr, step.Size, "dma_map_single", null));
                        Event("dma_map_single", step.Size, ok ? addr : null, ok ? $"mapped PA 0x{phys:x}" : "DMA_MAPPING_ERROR");
                        break;
                    }
                case DmaStepKind.MapSg:
                    {
                        var sizes = step.Sizes ?? Array.Empty<ulong>();
                        var sg = new Scatterlist(sizes.Select(sz => new PhysSegment(Memory.Kmalloc(sz) ?? 0, sz)).ToList());
                        int n = ops!.MapSg(sg, Direction(step.Direction));
                        ulong total = (ulong)sizes.Sum(x => (long)x);
                        if (n > 0) live.Add((sg.Entries[0].DmaAddress, total, "dma_map_sg", null));
                        Event("dma_map_sg", total, n > 0 ? sg.Entries[0].DmaAddress : null, n > 0 ? $"{n} DMA segment(s)" : $"failed ({n})");
                        break;
                    }
                case DmaStepKind.AllocCoherent:
                    {
                        var buf = ops!.AllocCoherent(step.Size);
                        if (buf is not null) live.Add((buf.DmaAddress, step.Size, "dma_alloc_coherent", buf));
                        Event("dma_alloc_coherent", step.Size, buf?.DmaAddress, buf is null ? "NULL" : $"CPU PA 0x{buf.CpuPhys:x}");
                        break;
                    }
                case DmaStepKind.Access:
                    var targets = step.All ? live.ToList() : live.TakeLast(1).ToList();
                    if (targets.Count == 0 && gone is { } g) targets.Add(g);
                    foreach (var m in targets)
                    {
                        var (text, faulted) = Access(dev, ops!, m.Addr, m.Size);
                        RecordDmaEvent(dev, new DmaEvent(NowUs, "device access", m.Size, m.Addr, text, live.Contains(m)) { Faulted = faulted });
                    }
                    break;
                case DmaStepKind.Unmap:
                    foreach (var m in step.All ? live.ToList() : live.TakeLast(1).ToList())
                    {
                        if (m.Buf is { } b) ops!.FreeCoherent(b);
                        else ops!.UnmapPage(m.Addr, m.Size, DmaDirection.Bidirectional);
                        live.Remove(m);
                        gone = m;
                        Event(m.Buf is null ? "dma_unmap" : "dma_free_coherent", m.Size, m.Addr, "done");
                    }
                    break;
                case DmaStepKind.Wait:
                    (ops as IommuDmaOps)?.Advance((ulong)step.WaitUs);
                    Tick(step.WaitUs);
                    break;
            }
        }
    }

    // a script run's inputs: the device and driver (its steps), the time, the ops and the domain they use, what DmaOpsFor read
    private void DmaHistoryRun(Device dev, string? broken)
    {
        var dma = dev.Dma;
        _dmaHistory.Add(dev.Id);
        _dmaHistory.Add(dev.Driver!.Index);
        _dmaHistory.Add(NowUs);
        _dmaHistory.Add((ulong)dma.Ops | StateDigest.Flags(broken is not null, dma.Coherent == true, dev.Iommu.Untrusted, dev.Pci is not null) << 8);
        _dmaHistory.Add(dma.DmaMask);
        _dmaHistory.Add(dma.CoherentMask);
        _dmaHistory.Add(dma.BusDmaLimit);
        IommuDomain? domain = dma.Ops switch
        {
            DmaOpsKind.IommuDma => dev.Iommu.Group?.DefaultDomain,
            DmaOpsKind.ArmIommu => dma.Mapping?.Domain,
            _ => null,
        };
        _dmaHistory.Add(domain is null ? -1 : domain.Id);
        _dmaHistory.Add(domain is null ? -1 : (int)domain.Type);
    }

    private static DmaDirection Direction(string d) => d switch
    {
        "to-device" => DmaDirection.ToDevice,
        "from-device" => DmaDirection.FromDevice,
        _ => DmaDirection.Bidirectional,
    };

    // the device reaches memory: translated through the IOMMU, passed straight through, or stopped (the kernel's fault report)
    private (string Text, bool Faulted) Access(Device dev, IDmaOps ops, ulong addr, ulong size)
    {
        if (Outcome(dev) == "blocked")
        {
            BlockedAccessLog(dev);
            return ("fault: stream not matched, transaction aborted", true);
        }
        var r = ops.DeviceAccess(addr, size, write: true);
        if (r.Ok) return (r.Stale ? $"reached PA 0x{r.Phys:x} through a stale IOTLB entry" : $"reached PA 0x{r.Phys:x}", false);
        if (dev.Iommu.Group?.Domain is { ContextBank: { } cb } && dev.Iommu.Instance is { } i)
            Printk(LogLevel.Err, $"arm-smmu {i.Device.Name}: Unhandled context fault: fsr=0x402, iova=0x{r.FaultAddress:x8}, fsynr=0x0, cbfrsynra=0x{(dev.Iommu.Fwspec?.Ids.FirstOrDefault() ?? 0) & 0xffff:x}, cb={cb}", dev);
        return ($"fault: {r.Fault} at 0x{r.FaultAddress:x}", true);
    }

    /// <summary>The data-plane ops of a device: iommu-dma over its group's domain (one cookie per domain), or dma-direct.</summary>
    private IDmaOps? DmaOpsFor(Device dev, out string? broken)
    {
        broken = null;
        var dma = dev.Dma;
        if (dma.Ops == DmaOpsKind.ArmIommu && dma.Mapping is null) { broken = "IOMMU dma_ops without a dma_iommu_mapping"; return null; }
        var device = new DmaDevice
        {
            Name = dev.Name, Driver = dev.Driver?.Name, IsPci = dev.Pci is not null, Untrusted = dev.Iommu.Untrusted,
            Coherent = dma.Coherent ?? false, DmaMask = dma.DmaMask, CoherentDmaMask = dma.CoherentMask, BusDmaLimit = dma.BusDmaLimit ?? 0,
        };
        var log = new DmaLogSink(this, dev);
        IommuDomain? domain = dma.Ops switch
        {
            DmaOpsKind.IommuDma => dev.Iommu.Group?.DefaultDomain,
            DmaOpsKind.ArmIommu => dma.Mapping!.Domain,
            _ => null,
        };
        if (domain is null) return new DmaDirectOps(device, Memory, DmaDirectPlatform.For(Memory), new Swiotlb(Memory, log: log), log);
        if (domain.DataPlane is not IommuDmaCookie cookie)
        {
            var options = new IommuDmaOptions
            {
                Mode = domain.Type == IommuDomainType.DmaFq ? DmaFlushMode.FlushQueue : DmaFlushMode.Strict,
                MagazineSize = S.IovaMagazine, StickyDac = S.IovaStickyDac,
            };
            cookie = new IommuDmaCookie(IommuPagingDomain.CreateArmSmmuS1(log), Memory, options, null, log);
            cookie.InitDomain(device, new[] { IommuResvRegion.ArmSmmuSwMsi });
            domain.DataPlane = cookie;
        }
        return new IommuDmaOps(device, cookie);
    }
}
