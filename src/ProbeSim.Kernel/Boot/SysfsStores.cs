using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

// The sysfs files user space writes to bind, unbind and steer drivers, and how each refuses (Linux v6.1 line numbers,
// v5.10 where the older kernels differ). None of these refusals is logged by the kernel: only the writer sees the errno.
public sealed partial class Kernel
{

    // a registered driver of that name, the one on the device's bus first
    private Driver? RegisteredDriver(string name, Device? dev) =>
        DriverCore.AllDrivers.Where(x => x.Registered && x.Name == name).OrderBy(x => dev is not null && x.Bus == dev.Bus ? 0 : 1).FirstOrDefault();

    // echo NAME > /sys/bus/BUS/devices/DEV/driver_override (driver_set_override): a device that is not there has no such file
    private ActionReturn DriverOverrideStore(Device? dev, string? driver)
    {
        if (dev is null) return new(-ENOENT, new NoSuchDevice());
        dev.DriverOverride = string.IsNullOrEmpty(driver) ? null : driver;
        DriverCore.DriverOverrideSet(dev);
        return ActionReturn.Ok;
    }

    // echo DEV > /sys/bus/BUS/drivers/DRV/bind: the driver's directory exists only while it is registered
    private ActionReturn BindStore(Device? dev, string driver)
    {
        if (RegisteredDriver(driver, dev) is not { } drv) return new(-ENOENT, new DriverNotRegistered(driver));
        // bind_store: bus_find_device_by_name finds nothing (drivers/base/bus.c:210-213)
        if (dev is null) return new(-ENODEV, new NoSuchDevice());
        return SysfsBind(dev, drv);
    }

    /// <summary>bind_store on a device the driver's bus has: driver_match_device, then device_driver_attach.</summary>
    internal ActionReturn SysfsBind(Device dev, Driver drv)
    {
        // bus_find_device_by_name searches the driver's bus only (drivers/base/bus.c:212)
        if (dev.Bus != drv.Bus) return new(-ENODEV, new DriverOnOtherBus(drv.Name, drv.Bus.Name));
        bool hasDriver = dev.Bound || dev.Driver is not null;
        if (S.ProbeReturnsErrno)
        {
            // v6.1 (profiles v5.19+): driver_match_device (bus.c:213), then __driver_probe_device's -EBUSY (dd.c:763-764)
            if (DriverCore.BusMatch(dev, drv) == 0) return new(-ENODEV, new DriverDoesNotMatch(drv.Name));
            if (hasDriver) return new(-EBUSY, new AlreadyBound(dev.Driver?.Name ?? ""));
        }
        else
        {
            // before: dev->driver == NULL && driver_match_device, else -ENODEV (v5.10 drivers/base/bus.c:210-213)
            if (hasDriver) return new(-ENODEV, new AlreadyBound(dev.Driver?.Name ?? ""));
            if (DriverCore.BusMatch(dev, drv) == 0) return new(-ENODEV, new DriverDoesNotMatch(drv.Name));
        }
        int ret = DriverCore.DriverProbeDevice(drv, dev);
        if (dev.Bound) return ActionReturn.Ok;
        var why = BindFailure(dev, drv, ret);
        // v5.10 and before: a probe that did not bind came back as 0: "driver didn't accept device" (v5.10 bus.c:219-221)
        if (!S.ProbeReturnsErrno) return new(ret < 0 ? ret : -ENODEV, why);
        // device_driver_attach: probe errors negative again, a deferral as -EAGAIN (drivers/base/dd.c:1108-1112)
        if (ret > 0) ret = -ret;
        if (ret == -EPROBE_DEFER) ret = -EAGAIN;
        return new(ret == 0 ? -ENODEV : ret, why);
    }

    private static ActionRefusal BindFailure(Device dev, Driver drv, int ret)
    {
        if (dev.LastProbeDeferred) return new ProbeDeferred(drv.Name, dev.DeferReason);
        int error = dev.LastError ?? (ret > 0 ? -ret : ret);
        // dma_configure: iommu_device_use_default_domain in a group user space owns
        if (error == -EBUSY && dev.Iommu.Group is { Owner: { } owner } group) return new GroupOwnedByUser(group.Id, owner);
        return new ProbeFailed(drv.Name, error);
    }

    // echo DEV > /sys/bus/BUS/drivers/DRV/unbind, or, with no driver named, > /sys/bus/BUS/devices/DEV/driver/unbind
    private ActionReturn UnbindStore(Device? dev, string? driver)
    {
        if (driver is not null)
        {
            if (RegisteredDriver(driver, dev) is not { } drv) return new(-ENOENT, new DriverNotRegistered(driver));
            // unbind_store: bus_find_device_by_name, then dev->driver == drv, else -ENODEV (drivers/base/bus.c:187-190)
            if (dev is null) return new(-ENODEV, new NoSuchDevice());
            if (dev.Bus != drv.Bus) return new(-ENODEV, new DriverOnOtherBus(drv.Name, drv.Bus.Name));
            if (!dev.Bound || dev.Driver != drv) return new(-ENODEV, new NotBound(driver, dev.Bound ? dev.Driver?.Name : null));
        }
        else
        {
            // the device's driver link (and the unbind file behind it) exists only while it is bound
            if (dev is null) return new(-ENOENT, new NoSuchDevice());
            if (!dev.Bound) return new(-ENOENT, new NotBound(null, null));
        }
        DriverCore.DeviceReleaseDriver(dev);
        return ActionReturn.Ok;
    }
}
