using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>What a user action returned: 0 or a negative errno, and why when it failed.</summary>
    internal readonly record struct ActionReturn(int Result, ActionRefusal? Why)
    {
        public static ActionReturn Ok => new(0, null);
    }

    /// <summary>Runs one scripted user action and records its outcome (<see cref="ActionOutcome"/>).</summary>
    private void RunUserAction(UserAction action)
    {
        if (_crash is not null) return;
        bool module = action.Kind == UserActionKind.LoadModule;
        var dev = module ? null : ResolveDevice(action.Device);
        var ret = action.Kind switch
        {
            UserActionKind.LoadModule => LoadModuleByName(action.Module),
            UserActionKind.DriverOverride => DriverOverrideStore(dev, action.Driver),
            UserActionKind.Bind => BindStore(dev, action.Driver ?? ""),
            UserActionKind.Unbind => UnbindStore(dev, action.Driver),
            _ => dev is null ? new ActionReturn(-ENODEV, new NoSuchDevice()) : Vfio.RunAction(action, dev),
        };
        _actionResults.Add(new ActionOutcome(NowUs, action.Kind, module ? action.Module : action.Device, dev?.Name,
            module ? null : action.Driver ?? action.Value, ret.Result, action.Origin)
        {
            Bus = dev?.Bus.Name,
            Group = dev?.Iommu.Group?.Id,
            Refusal = ret.Result < 0 ? ret.Why : null,
        });
    }

    // modprobe NAME: every driver of that module registers (modprobe treats - and _ alike)
    private ActionReturn LoadModuleByName(string? module)
    {
        foreach (var drv in DriverCore.AllDrivers)
            if (drv.Spec.Module == module || drv.Spec.Module?.Replace('-', '_') == module?.Replace('-', '_'))
                LoadModule(drv);
        return ActionReturn.Ok;
    }
}
