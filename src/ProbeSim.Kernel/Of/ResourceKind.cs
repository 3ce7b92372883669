namespace ProbeSim.Kernel.Of;

/// <summary>The kinds of provider a generic driver probe looks up from its node (<see cref="OfResources.Collect"/> lists power domains first).</summary>
public enum ResourceKind { Clock, Reset, Regulator, PowerDomain, Phy, Pinctrl, Interrupt, Gpio, Dma, Iommu }
