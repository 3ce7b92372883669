using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>FsCheck properties over random map/unmap sequences (fixed seeds, so every run checks the same cases).</summary>
public class DmaPropertyTests
{
    /// <summary>FsCheck configuration with a fixed seed so every run checks the same cases.</summary>
    private static Config Seeded(int maxTest = 100, ulong seed = 0x5eed_1234)
        => Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9e37_79b9_7f4a_7c15 | 1), FSharpOption<int>.None)));

    // (unmap?, pages, byte offset into the first page, which live mapping to unmap)
    private static readonly Gen<(bool Unmap, int Pages, int Offset, int Pick)[]> Steps =
        Gen.Zip(Gen.Zip(Gen.Frequency((3, Gen.Constant(false)), (2, Gen.Constant(true))), Gen.Choose(1, 40)), Gen.Zip(Gen.Choose(0, 4095), Gen.Choose(0, 1000)))
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ArrayOf()
            .Select(a => a.Take(60).ToArray());

    [Fact]
    public void Strict_mappings_translate_never_overlap_and_fault_once_unmapped()
    {
        Check.One(Seeded(), Prop.ForAll(Arb.From(Steps), steps => RunStrict(steps, DmaFlushMode.Strict)));
    }

    [Fact]
    public void Flush_queue_unmaps_stay_reachable_until_the_timer_then_fault()
    {
        Check.One(Seeded(seed: 77), Prop.ForAll(Arb.From(Steps), steps => RunStrict(steps, DmaFlushMode.FlushQueue)));
    }

    [Fact]
    public void Iova_allocations_are_disjoint_size_aligned_and_under_their_limit()
    {
        var gen = Gen.Zip(Gen.Choose(1, 70), Gen.Choose(0, 2))
            .Select(t => (Size: (ulong)t.Item1, Limit: t.Item2 switch { 0 => 0xFFFFFUL, 1 => 0x3FFFFUL, _ => 0xFFFFFFFFFUL }))
            .ArrayOf();
        Check.One(Seeded(200), Prop.ForAll(Arb.From(gen), reqs =>
        {
            var iovad = new IovaDomain(4096, 1);
            var live = new List<IovaRange>();
            var i = 0;
            foreach (var (size, limit) in reqs)
            {
                if (i++ % 3 == 2 && live.Count > 0)
                {
                    var victim = live[i % live.Count];
                    live.Remove(victim);
                    Assert.True(iovad.FreeIova(victim.PfnLo));
                    continue;
                }

                var r = iovad.AllocIova(size, limit, true);
                if (r is null)
                    continue;
                Assert.True(r.PfnHi <= limit && r.PfnLo >= 1);
                Assert.Equal(0UL, r.PfnLo % Bits.RoundupPowOfTwo(size));
                Assert.DoesNotContain(live, o => o.PfnLo <= r.PfnHi && r.PfnLo <= o.PfnHi);
                live.Add(r);
            }

            return true;
        }));
    }

    [Fact]
    public void Page_table_translates_exactly_what_was_mapped()
    {
        // distinct 2 MiB slots, each mapped as one block or as 4K pages at a random page offset
        var gen = Gen.Zip(Gen.Zip(Gen.Choose(0, 4000), Gen.Choose(0, 3)), Gen.Choose(1, 16)).ArrayOf();
        Check.One(Seeded(150), Prop.ForAll(Arb.From(gen), items =>
        {
            var domain = IommuPagingDomain.CreateArmSmmuS1();
            var slots = new HashSet<int>();
            var mapped = new List<(ulong Iova, ulong Pa, ulong Size)>();
            foreach (var ((slot, kind), pages) in items)
            {
                if (!slots.Add(slot))
                    continue;
                var iova = (ulong)slot * 2 * MiB + (kind == 0 ? 0 : (ulong)(slot % 100) * 4096);
                var pa = 0x8000_0000UL + (ulong)slot * 2 * MiB + (kind == 0 ? 0 : (ulong)(slot % 100) * 4096);
                var size = kind == 0 ? 2 * MiB : (ulong)pages * 4096;
                Assert.Equal(0, domain.Map(iova, pa, size, IommuProt.Read | IommuProt.Write));
                mapped.Add((iova, pa, size));
            }

            foreach (var (iova, pa, size) in mapped)
            {
                Assert.Equal(pa, domain.IovaToPhys(iova));
                Assert.Equal(pa + size - 1, domain.IovaToPhys(iova + size - 1));
            }

            foreach (var (iova, _, size) in mapped)
                Assert.Equal(size, domain.Unmap(iova, size));
            Assert.All(mapped, m => Assert.Equal(0UL, domain.IovaToPhys(m.Iova)));
            return true;
        }));
    }

    private static bool RunStrict((bool Unmap, int Pages, int Offset, int Pick)[] steps, DmaFlushMode mode)
    {
        var mem = PhysMemory.TypicalArm64();
        var ops = IommuDma(Pci(), IommuDmaOptions.V66 with { Mode = mode }, mem: mem);
        var live = new List<(ulong Dma, ulong Phys, ulong Size)>();
        foreach (var (unmap, pages, offset, pick) in steps)
        {
            if (unmap && live.Count > 0)
            {
                var (dma, phys, size) = live[pick % live.Count];
                live.RemoveAt(pick % live.Count);
                Assert.True(ops.DeviceAccess(dma, size, false).Ok); // caches the translation
                ops.UnmapPage(dma, size, DmaDirection.Bidirectional);
                if (mode == DmaFlushMode.Strict)
                    Assert.Equal(DmaAccessFault.Translation, ops.DeviceAccess(dma, size, false).Fault);
                else
                {
                    var stale = ops.DeviceAccess(dma, size, false);
                    Assert.True(stale.Ok && stale.Stale && stale.Phys == phys);
                    ops.Advance(10_000);
                    Assert.Equal(DmaAccessFault.Translation, ops.DeviceAccess(dma, size, false).Fault);
                }

                continue;
            }

            var bytes = (ulong)pages * 4096 - (ulong)offset;
            var buf = mem.AllocPages((ulong)pages * 4096)!.Value + (ulong)offset;
            var iova = ops.MapPage(buf, bytes, DmaDirection.Bidirectional);
            Assert.NotEqual(DmaApi.MappingError, iova);
            Assert.Equal((ulong)offset, iova & 0xFFF);
            live.Add((iova, buf, bytes));
            foreach (var (d, p, s) in live)
            {
                var r = ops.DeviceAccess(d, s, true);
                Assert.True(r.Ok);
                Assert.Equal(p, r.Phys);
                Assert.Equal(p + s - 1, r.Chunks[^1].Phys + r.Chunks[^1].Length - 1);
            }

            var ranges = live.Select(l => (Start: l.Dma & ~0xFFFUL, End: l.Dma + l.Size - 1)).OrderBy(r => r.Start).ToList();
            for (var i = 1; i < ranges.Count; i++)
                Assert.True(ranges[i - 1].End < ranges[i].Start);
        }

        return true;
    }
}
