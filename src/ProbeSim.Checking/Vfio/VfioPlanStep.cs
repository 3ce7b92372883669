namespace ProbeSim.Checking.Vfio;

/// <summary>One sysfs write of a VFIO plan, on <paramref name="Device"/> of bus <paramref name="Bus"/>.</summary>
public abstract record VfioPlanStep(string Bus, string Device);

/// <summary><c>echo DRIVER &gt; /sys/bus/BUS/devices/DEVICE/driver_override</c>: only DRIVER may bind it (driver_override_store, v6.1 drivers/pci/pci-sysfs.c:611-623; pci_match_device, drivers/pci/pci-driver.c:197-198).</summary>
public sealed record SetDriverOverride(string Bus, string Device, string Driver) : VfioPlanStep(Bus, Device);

/// <summary><c>echo DEVICE &gt; /sys/bus/BUS/drivers/DRIVER/unbind</c> (unbind_store, v6.1 drivers/base/bus.c:184-199).</summary>
public sealed record UnbindDriver(string Bus, string Device, string Driver) : VfioPlanStep(Bus, Device);

/// <summary><c>echo DEVICE &gt; /sys/bus/BUS/drivers_probe</c>: the driver core probes it again, now only its override matches (drivers_probe_store, v6.1 drivers/base/bus.c:243).</summary>
public sealed record ProbeDrivers(string Bus, string Device) : VfioPlanStep(Bus, Device);
