namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// A stand-in for vmlinux link order, which decides the registration order of built-in drivers within one initcall level:
/// the top-level Makefile's directory order (arch, kernel, mm, fs, ..., drivers, sound, net), then drivers/Makefile's
/// subdirectory order, then the path. The order of files inside one directory's Makefile is approximated by the path.
/// </summary>
public static class LinkOrder
{
    static readonly string[] TopLevel = { "arch", "init", "kernel", "certs", "mm", "fs", "ipc", "security", "crypto", "block", "io_uring", "drivers", "sound", "net", "lib", "virt", "samples" };

    // drivers/Makefile (v6.1), in order
    static readonly string[] Drivers =
    {
        "irqchip", "bus", "phy", "gpio", "pinctrl", "pwm", "pci", "video", "idle", "acpi", "pnp", "amba", "clk", "dma", "soc",
        "virtio", "vdpa", "xen", "regulator", "reset", "tty", "char", "iommu", "gpu", "connector", "base", "block", "misc", "mfd",
        "nvdimm", "dax", "dma-buf", "macintosh", "scsi", "nvme", "ata", "target", "mtd", "spi", "spmi", "hsi", "slimbus", "net",
        "cdrom", "auxdisplay", "vfio", "ufs", "usb", "input", "rtc", "i2c", "i3c", "media", "ptp", "power", "hwmon", "thermal",
        "watchdog", "md", "accessibility", "bluetooth", "cpufreq", "cpuidle", "mmc", "memstick", "leds", "infiniband", "firmware",
        "crypto", "hid", "ssb", "bcma", "staging", "platform", "mailbox", "hwspinlock", "remoteproc", "rpmsg", "soundwire",
        "devfreq", "extcon", "memory", "iio", "ipack", "ntb", "vme", "powercap", "mcb", "perf", "ras", "thunderbolt", "hwtracing",
        "android", "nvmem", "fpga", "fsi", "tee", "mux", "siox", "gnss", "interconnect", "counter", "most", "peci", "hte",
    };

    /// <summary>A sort key: ordinal comparison of keys follows link order.</summary>
    public static string Key(string sourceFile)
    {
        var parts = sourceFile.Split('/');
        int top = Array.IndexOf(TopLevel, parts[0]);
        int sub = parts.Length > 1 && parts[0] == "drivers" ? Array.IndexOf(Drivers, parts[1]) : 0;
        return $"{(top < 0 ? 99 : top):D2}{(sub < 0 ? 999 : sub):D3}/{sourceFile}";
    }
}
