using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>The per-version binding sets of spec R5.5 as corrected by docs/kernel/fw-devlink.md.</summary>
public class FwDevlinkBindingsTests
{
    [Fact]
    public void The_table_names_every_binding_once()
    {
        Assert.Equal(FwDevlinkBindings.TableOrder.Count, FwDevlinkBindings.TableOrder.Distinct().Count());
        foreach (var set in new[] { FwDevlinkBindings.V5_10, FwDevlinkBindings.V5_19, FwDevlinkBindings.V6_6, FwDevlinkBindings.V6_12, FwDevlinkBindings.V6_13 })
            Assert.All(set, name => Assert.Contains(name, FwDevlinkBindings.TableOrder));
        Assert.Equal(FwDevlinkBindings.Clocks, FwDevlinkBindings.TableOrder[0]);
        Assert.Equal(FwDevlinkBindings.PostInitProviders, FwDevlinkBindings.TableOrder[^1]);
    }

    [Fact]
    public void The_io_channels_typo_lasts_until_v6_6()
    {
        foreach (var set in new[] { FwDevlinkBindings.V5_10, FwDevlinkBindings.V5_19, FwDevlinkBindings.V6_6 })
        {
            Assert.Contains(FwDevlinkBindings.IoChannelTypo, set);
            Assert.DoesNotContain(FwDevlinkBindings.IoChannels, set);
        }
        Assert.Contains(FwDevlinkBindings.IoChannels, FwDevlinkBindings.V6_12);
        Assert.DoesNotContain(FwDevlinkBindings.IoChannelTypo, FwDevlinkBindings.V6_12);
    }

    [Fact]
    public void Version_differences()
    {
        Assert.Contains(FwDevlinkBindings.InterruptsExtended, FwDevlinkBindings.V5_10);
        Assert.DoesNotContain(FwDevlinkBindings.Interrupts, FwDevlinkBindings.V5_10);
        Assert.DoesNotContain(FwDevlinkBindings.GpioLegacy, FwDevlinkBindings.V5_10);
        Assert.Contains(FwDevlinkBindings.RemoteEndpointCompat, FwDevlinkBindings.V5_19);
        Assert.DoesNotContain(FwDevlinkBindings.Panel, FwDevlinkBindings.V5_19);
        Assert.Contains(FwDevlinkBindings.Panel, FwDevlinkBindings.V6_6);
        Assert.Contains(FwDevlinkBindings.RemoteEndpointPortParent, FwDevlinkBindings.V6_12);
        Assert.DoesNotContain(FwDevlinkBindings.RemoteEndpointCompat, FwDevlinkBindings.V6_12);
        Assert.Contains(FwDevlinkBindings.InterruptParent, FwDevlinkBindings.V6_12);
        Assert.DoesNotContain(FwDevlinkBindings.InterruptParent, FwDevlinkBindings.V6_13);
        Assert.Equal(FwDevlinkBindings.V6_12.Count - 1, FwDevlinkBindings.V6_13.Count);
        Assert.True(FwDevlinkBindings.V6_6.IsSubsetOf(FwDevlinkBindings.V6_12.Append(FwDevlinkBindings.IoChannelTypo).Append(FwDevlinkBindings.RemoteEndpointCompat)));
    }

    [Fact]
    public void Iommus_iommu_map_and_dmas_are_the_optional_ones()
    {
        Assert.Equal(new[] { "dmas", "iommu-map", "iommus" }, FwDevlinkBindings.Optional.Order(StringComparer.Ordinal));
    }
}
