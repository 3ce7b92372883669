/* ProbeSim demo board: binding constants (our own, in the style of include/dt-bindings). */
#ifndef PROBESIM_DEMO_H
#define PROBESIM_DEMO_H

#define GIC_SPI 0
#define GIC_PPI 1
#define IRQ_TYPE_LEVEL_HIGH 4
#define IRQ_TYPE_LEVEL_LOW 8

#define DEMO_CLK_SYS     0
#define DEMO_CLK_UART0   1
#define DEMO_CLK_SDHCI   2
#define DEMO_CLK_ETH     3
#define DEMO_CLK_PCIE    4
#define DEMO_CLK_GPU     5
#define DEMO_CLK_DMA     6

#define DEMO_RST_SDHCI   0
#define DEMO_RST_ETH     1
#define DEMO_RST_PCIE    2
#define DEMO_RST_GPU     3

#define DEMO_PD_GPU      0
#define DEMO_PD_PCIE     1

/* SMMU stream IDs of the masters */
#define DEMO_SID(n)      (0x100 + (n))

#define GPIO_ACTIVE_HIGH 0
#define GPIO_ACTIVE_LOW  1

#endif
