using ProbeSim.Acpi.Ivrs;

namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// amd-iommu's initialisation up to the IVRS passes, in boot order: <c>amd_iommu_detect</c> (from
/// <c>pci_iommu_alloc</c>), <c>amd_iommu_prepare</c> (from interrupt-remapping setup) and the ACPI part of
/// <c>amd_iommu_init</c> (from <c>pci_iommu_init</c>). All of it runs before PCI enumeration; the PCI part
/// (<c>iommu_init_pci</c>, registration) is the caller's, with <see cref="AmdIommuTables.PciInit"/>.
/// </summary>
public static class AmdIommuInit
{
    public static AmdIommuState Run(IvrsTable? ivrs, AmdIommuCmdline? cmdline = null, AmdIommuPlatform? platform = null, AmdIommuRules? rules = null)
    {
        var m = new Machine(ivrs, cmdline ?? AmdIommuCmdline.None, platform ?? AmdIommuPlatform.Default, rules ?? AmdIommuRules.Default);
        m.Detect();
        // irq_remapping_prepare (drivers/iommu/irq_remapping.c:97-115): disable_irq_remap stops it before amd_iommu_prepare
        if (m.Platform.IrqRemapPrepare && !m.Cmdline.IrqRemapDisabled)
            // amd_iommu_prepare (drivers/iommu/amd/init.c:3333-3346): up to IOMMU_ACPI_FINISHED
            m.GoTo(AmdIommuInitState.AcpiFinished);
        // pci_iommu_init calls amd_iommu_init (init.c:3384-3389) only when amd_iommu_detect hooked it
        if (m.Detected) m.GoTo(AmdIommuInitState.AcpiFinished);
        return new AmdIommuState(m.State, m.Detected, m.AcsRequested, m.Tables, m.State == AmdIommuInitState.AcpiFinished ? null : m.Failure);
    }

    private sealed class Machine(IvrsTable? ivrs, AmdIommuCmdline cmdline, AmdIommuPlatform platform, AmdIommuRules rules)
    {
        public AmdIommuCmdline Cmdline => cmdline;
        public AmdIommuPlatform Platform => platform;
        public AmdIommuInitState State { get; private set; } = AmdIommuInitState.Start;
        public bool Detected { get; private set; }
        public bool AcsRequested { get; private set; }
        public AmdIommuTables? Tables { get; private set; }
        public AmdIommuFailure? Failure { get; private set; }

        /// <summary>amd_iommu_detect (drivers/iommu/amd/init.c:3432-3450).</summary>
        public void Detect()
        {
            // amd_iommu_detect (init.c:3436-3437): iommu=off (no_iommu) returns before anything is looked at
            if (cmdline.NoIommu) { Fail(new AmdNoIommuOnCmdline()); return; }
            // amd_iommu_detect (v4.2 drivers/iommu/amd_iommu_init.c:2190-2191): amd_iommu=off returns -ENODEV here, before detect_ivrs
            if (rules.CmdlineOffStopsDetect && cmdline.Off) { Fail(new AmdDisabledOnCmdline("amd_iommu_detect")); return; }
            // amd_iommu_detect (init.c:3442-3448): IOMMU_IVRS_DETECTED reached means detected
            GoTo(AmdIommuInitState.IvrsDetected);
            if (State == AmdIommuInitState.IvrsDetected) Detected = true;
        }

        /// <summary>iommu_go_to_state (drivers/iommu/amd/init.c:3317-3330): step until the state or an error state.</summary>
        public void GoTo(AmdIommuInitState target)
        {
            while (State != target && State is not (AmdIommuInitState.NotFound or AmdIommuInitState.InitError or AmdIommuInitState.CmdlineDisabled))
                Next();
        }

        /// <summary>state_next (drivers/iommu/amd/init.c:3243-3263), the steps before IOMMU_ACPI_FINISHED.</summary>
        private void Next()
        {
            switch (State)
            {
                case AmdIommuInitState.Start:
                    State = DetectIvrs() ? AmdIommuInitState.IvrsDetected : AmdIommuInitState.NotFound;
                    break;
                // state_next (init.c:3257-3259): amd_iommu=off stops here (where amd_iommu_detect did not already)
                case AmdIommuInitState.IvrsDetected when cmdline.Off && !rules.CmdlineOffStopsDetect:
                    Fail(new AmdDisabledOnCmdline("state_next"));
                    State = AmdIommuInitState.CmdlineDisabled;
                    break;
                case AmdIommuInitState.IvrsDetected:
                    State = EarlyInit() ? AmdIommuInitState.AcpiFinished : AmdIommuInitState.InitError;
                    break;
            }
        }

        /// <summary>detect_ivrs (drivers/iommu/amd/init.c:3199-3235).</summary>
        private bool DetectIvrs()
        {
            // detect_ivrs (init.c:3205-3207): no IVRS table, no AMD-Vi
            if (ivrs is null) { Fail(new AmdNoIvrs()); return false; }
            // detect_ivrs (init.c:3216-3228): Stoney Ridge graphics (1002:98e4) on bus 0, unless amd_iommu=force_enable
            if (rules.StoneyRidgeCheck && !cmdline.ForceEnable)
                foreach (var (slot, vendor, device) in platform.Bus0Functions)
                    if (slot is >= 0 and < 32 && vendor == 0x1002 && device == 0x98e4)
                    {
                        Fail(new AmdStoneyRidgeGraphics(slot));
                        return false;
                    }
            // detect_ivrs (init.c:3231-3232): pci_request_acs, so that PCI enumeration enables ACS
            AcsRequested = true;
            return true;
        }

        /// <summary>early_amd_iommu_init (drivers/iommu/amd/init.c:3085-3181), the IVRS passes.</summary>
        private bool EarlyInit()
        {
            // early_amd_iommu_init (init.c:3091-3092): only after amd_iommu_detect succeeded
            if (!Detected) { Fail(new AmdNotDetected()); return false; }
            Tables = AmdIommuTables.Build(ivrs!, cmdline, rules);
            if (Tables.Failure is { } f) { Fail(f); return false; }
            return true;
        }

        private void Fail(AmdIommuFailure f) => Failure ??= f;
    }
}
