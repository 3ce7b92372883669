using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.DriverCore;

// the driver core's kernel parameters: drivers/base/dd.c (deferred_probe_timeout=, driver_async_probe=) and core.c
// (fw_devlink=, fw_devlink.strict=)
internal sealed partial class DriverModel
{
    private readonly HashSet<string> _asyncDrivers = new(StringComparer.Ordinal);

    private static readonly DigestFields CommandLineFields = new(typeof(DriverModel), [],
        (nameof(_asyncDrivers), DigestFields.Input + " (driver_async_probe=)"));

    /// <summary>The profile's defaults, then the command line's driver-core parameters.</summary>
    internal void ApplyCommandLine(KernelCommandLine cmdline)
    {
        _fwDevlinkMode = S.FwDevlink;
        _timeout = Modules ? S.DeferredProbeTimeout : S.DeferredProbeTimeoutNoModules;

        // deferred_probe_timeout= (v4.19+)
        if (cmdline.Get("deferred_probe_timeout") is { } t && _timeout is not null &&
            int.TryParse(t, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var secs))
            _timeout = secs;
        // fw_devlink=: off, permissive, on, rpm; anything else keeps the default
        if (S.FwDevlink != FwDevlinkMode.None && cmdline.Get("fw_devlink") is { } mode)
            _fwDevlinkMode = mode switch
            {
                "off" => FwDevlinkMode.Off,
                "permissive" => FwDevlinkMode.Permissive,
                "on" => FwDevlinkMode.On,
                "rpm" => FwDevlinkMode.Rpm,
                _ => _fwDevlinkMode,
            };
        // fw_devlink.strict= (kstrtobool); has no effect in permissive mode
        if (S.FwDevlinkStrictParam && cmdline.Get("fw_devlink.strict") is { } strict)
            _fwDevlinkStrict = strict is "1" or "y" or "Y" or "yes" or "on" or "true" or "";
        if (_fwDevlinkMode is not (FwDevlinkMode.On or FwDevlinkMode.Rpm)) _fwDevlinkStrict = false;
        // driver_async_probe=drv1,drv2 (or *)
        if (cmdline.Get("driver_async_probe") is { } asyncList)
            foreach (var d in asyncList.Split(',', StringSplitOptions.RemoveEmptyEntries)) _asyncDrivers.Add(d);
    }
}
