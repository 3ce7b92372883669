using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProbeSim.Kernel.Dma;

namespace ProbeSim.Benchmarks;

/// <summary>
/// Cost of the simulated DMA data plane: one dma_map_page + dma_unmap_page pair of a page-aligned buffer, for a
/// coherent PCI device with a 64-bit mask, through iommu-dma (strict), iommu-dma (DMA_FQ) and dma-direct. dma-direct
/// is the baseline, so the Ratio column is what the IOMMU path costs on top. Each invocation runs 1000 pairs.
/// In DMA_FQ mode simulated time does not move, so every 255th unmap flushes the full per-CPU ring.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class DmaMapBenchmark
{
    private const int Pairs = 1000;

    private IommuDmaOps _strict = null!;
    private IommuDmaOps _lazy = null!;
    private DmaDirectOps _direct = null!;
    private ulong _buffer;

    [Params(4096UL, 65536UL)]
    public ulong Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var mem = PhysMemory.TypicalArm64();
        _buffer = mem.AllocPages(Size)!.Value;
        _strict = Iommu(mem, DmaFlushMode.Strict);
        _lazy = Iommu(mem, DmaFlushMode.FlushQueue);
        _direct = new DmaDirectOps(Device("0000:03:00.0"), mem);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs, Description = "dma-direct")]
    public ulong Direct() => Run(_direct);

    [Benchmark(OperationsPerInvoke = Pairs, Description = "iommu-dma strict")]
    public ulong IommuStrict() => Run(_strict);

    [Benchmark(OperationsPerInvoke = Pairs, Description = "iommu-dma DMA_FQ")]
    public ulong IommuFlushQueue() => Run(_lazy);

    private ulong Run(IDmaOps ops)
    {
        ulong sum = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var dma = ops.MapPage(_buffer, Size, DmaDirection.Bidirectional);
            ops.UnmapPage(dma, Size, DmaDirection.Bidirectional);
            sum += dma;
        }

        return sum;
    }

    private static DmaDevice Device(string name)
        => new() { Name = name, IsPci = true, Coherent = true, DmaMask = DmaApi.BitMask(64), CoherentDmaMask = DmaApi.BitMask(64) };

    private static IommuDmaOps Iommu(PhysMemory mem, DmaFlushMode mode)
    {
        var ops = new IommuDmaOps(Device("0000:01:00.0"), IommuPagingDomain.CreateArmSmmuS1(), mem, new IommuDmaOptions { Mode = mode });
        if (ops.InitDomain() != 0)
            throw new InvalidOperationException("iommu_dma_init_domain failed");
        return ops;
    }
}
