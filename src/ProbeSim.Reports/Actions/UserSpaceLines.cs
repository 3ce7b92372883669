using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Reports.Actions;

/// <summary>A line user space prints when the kernel refuses an action: never a kernel message, so it is marked.</summary>
/// <param name="Device">The device the action was done on, or null.</param>
public sealed record UserSpaceLine(long TimeUs, string Text, string? Device);

/// <summary>
/// What the tool that did a refused action prints, since the kernel prints nothing for most refusals (bind_store,
/// unbind_store and the VFIO ioctls return the errno silently): the shell's <c>echo</c> for a sysfs write, the ioctl's
/// strerror, and for VFIO what QEMU says. Every line starts with <see cref="Marker"/>.
/// </summary>
public static class UserSpaceLines
{
    /// <summary>The start of every user-space line, so nobody takes it for a kernel message.</summary>
    public const string Marker = "(user space) ";

    /// <summary>The lines of every refused action, in action order.</summary>
    public static IEnumerable<UserSpaceLine> Of(IEnumerable<ActionOutcome> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var a in actions)
            foreach (var text in For(a))
                yield return new UserSpaceLine(a.TimeUs, text, a.Device);
    }

    /// <summary>The lines for one action (none when it succeeded, or when a kernel driver rather than user space did it).</summary>
    public static IReadOnlyList<string> For(ActionOutcome a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!a.Refused) return Array.Empty<string>();
        var error = Strerror.Of(a.Result);
        var lines = new List<string>();
        switch (a.Kind)
        {
            case UserActionKind.Bind:
                lines.Add(Echo(a.Target, $"/sys/bus/{a.Bus ?? "*"}/drivers/{a.Argument}/bind", a.Result));
                break;
            case UserActionKind.Unbind:
                lines.Add(Echo(a.Target, a.Argument is { } drv
                    ? $"/sys/bus/{a.Bus ?? "*"}/drivers/{drv}/unbind"
                    : $"/sys/bus/{a.Bus ?? "*"}/devices/{a.Device ?? a.Target}/driver/unbind", a.Result));
                break;
            case UserActionKind.DriverOverride:
                lines.Add(Echo(a.Argument ?? "", $"/sys/bus/{a.Bus ?? "*"}/devices/{a.Device ?? a.Target}/driver_override", a.Result));
                break;
            case UserActionKind.GroupType when a.Group is { } g:
                lines.Add(Echo(a.Argument, $"/sys/kernel/iommu_groups/{g}/type", a.Result));
                break;
            case UserActionKind.VfioSetContainer or UserActionKind.VfioUnsetContainer or UserActionKind.VfioOpenDevice when a.Group is { } g:
                lines.Add(Marker + $"/dev/vfio/{g}: {Ioctl(a.Kind)}{(a.Kind == UserActionKind.VfioOpenDevice ? " " + a.Device : "")}: {error}");
                Qemu(a, g, error, lines);
                break;
            case UserActionKind.IommufdBind or UserActionKind.IommufdUnbind:
                lines.Add(Marker + $"vfio cdev of {a.Device ?? a.Target}: {Ioctl(a.Kind)}: {error}");
                break;
            case UserActionKind.AttachDevice or UserActionKind.AttachGroup or UserActionKind.DetachGroup:
                // a kernel driver's call: the driver sees the errno, user space sees nothing
                break;
            default:
                lines.Add(Marker + $"{ActionText.Verb(a.Kind)} {a.Target}: {error}");
                break;
        }
        return lines;
    }

    // bash: a redirection to a file that is not there fails at open ("PATH: No such file or directory", redir.c), and a
    // refused write is reported by the echo builtin as "echo: write error: STRERROR" (builtins/common.c, sh_wrerror)
    private static string Echo(string? value, string path, int result) =>
        Marker + $"echo {value} > {path}: " + (-result is ENOENT or EACCES ? "" : "write error: ") + Strerror.Of(result);

    private const int ENOENT = ProbeSim.Kernel.Drivers.Errno.ENOENT, EACCES = ProbeSim.Kernel.Drivers.Errno.EACCES;

    private static string Ioctl(UserActionKind kind) => kind switch
    {
        UserActionKind.VfioSetContainer => "VFIO_GROUP_SET_CONTAINER",
        UserActionKind.VfioUnsetContainer => "VFIO_GROUP_UNSET_CONTAINER",
        UserActionKind.VfioOpenDevice => "VFIO_GROUP_GET_DEVICE_FD",
        UserActionKind.IommufdBind => "VFIO_DEVICE_BIND_IOMMUFD",
        _ => "close",
    };

    // What QEMU (v6.2.0 hw/vfio/common.c) prints for the same refusal, prefixed with "vfio DEVICE: " as vfio_realize does
    // (VFIO_MSG_PREFIX, include/hw/vfio/vfio-common.h:34).
    private static void Qemu(ActionOutcome a, int group, string error, List<string> lines)
    {
        var prefix = Marker + $"qemu: vfio {a.Device ?? a.Target}: ";
        if (a.Refusal is GroupNotViable)
        {
            // vfio_get_group: VFIO_GROUP_GET_STATUS without VFIO_GROUP_FLAGS_VIABLE (common.c:2333-2337)
            lines.Add(prefix + $"group {group} is not viable");
            lines.Add(Marker + "qemu: Please ensure all devices within the iommu_group are bound to their vfio bus driver.");
        }
        else if (a.Kind == UserActionKind.VfioOpenDevice)
        {
            // vfio_get_device (common.c:2394-2400)
            lines.Add(prefix + $"error getting device from group {group}: {error}");
            lines.Add(Marker + $"qemu: Verify all devices in group {group} are bound to vfio-<bus> or pci-stub and not already in use");
        }
        else if (a.Kind == UserActionKind.VfioSetContainer)
            // vfio_connect_container / vfio_init_container (common.c:1918-1920)
            lines.Add(prefix + $"Failed to set group container: {error}");
    }
}
