using System.Globalization;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>
/// One probe-plan step as the text report says it, in the kernel's words:
/// <c>clock "ahb" (by name) required — dev_err_probe: "failed to get ahb clock"  drivers/x.c:123 in foo_probe</c>.
/// </summary>
public static class PlanStepText
{
    /// <summary>What the step does, without where.</summary>
    public static string What(PlanStep s) => s.Kind switch
    {
        PlanStepKind.Request => Request(s) + Message(s),
        PlanStepKind.Defer => "returns -EPROBE_DEFER" + Message(s),
        PlanStepKind.Children => "creates " + Child(s),
        PlanStepKind.Unknown => "unknown: " + (s.Message?.Text ?? "the scanner could not read this step"),
        _ => s.Kind.ToString(),
    };

    /// <summary>Where the step is: <c>file:line in function</c>.</summary>
    public static string Where(PlanStep s) => s.Function is null ? s.Source.ToString() : $"{s.Source} in {s.Function}";

    public static string Line(PlanStep s) => $"{What(s)}  {Where(s)}";

    /// <summary>The devices a children step creates.</summary>
    public static string Child(PlanStep s)
    {
        var name = s.Name is null ? "" : " " + Quoted.Of(s.Name);
        var text = s.Child switch
        {
            ChildKind.OfPopulate => "of_platform_populate children (" + (s.Name is null ? "default match table" : $"match table {s.Name}") + ")"
                + (s.NodeName is null ? "" : $" of subnode {Quoted.Of(s.NodeName)}"),
            ChildKind.MfdCell => "MFD cell" + name
                + (s.Compatible is null ? "" : $", of_compatible {Quoted.Of(s.Compatible)}")
                + (s.NodeName is null ? "" : $", DT node {Quoted.Of(s.NodeName)} found by name"),
            ChildKind.PlatformDevice => "platform device" + name,
            ChildKind.AuxiliaryDevice => "auxiliary device" + name,
            ChildKind.BusClients => (s.Name ?? "bus") + " clients from DT subnodes",
            _ => "children" + name,
        };
        return s.Child is ChildKind.PlatformDevice or ChildKind.AuxiliaryDevice && s.NodeName is { } node
            ? text + $", DT node {Quoted.Of(node)}" : text;
    }

    private static string Request(PlanStep s)
    {
        var resource = s.Resource is { } r ? KernelWords.Resource(r) : "resource";
        var lookup = s.Lookup switch
        {
            PlanLookup.Name => (s.Name is null ? "" : " " + Quoted.Of(s.Name)) + " (by name)",
            PlanLookup.Index => s.Index is int i ? string.Create(CultureInfo.InvariantCulture, $" (index {i})") : " (by index)",
            PlanLookup.All => " (all)",
            _ => s.Name is null ? "" : " " + Quoted.Of(s.Name),
        };
        var policy = s.Policy is { } p ? " " + KernelWords.PolicyText(p) : "";
        return resource + lookup + policy;
    }

    // the driver's text says which call prints it; the importer's note is marked as such
    private static string Message(PlanStep s) => s.Message switch
    {
        null => "",
        { Kind: PlanMessageKind.Note } m => " — note: " + m.Text,
        var m => " — " + KernelWords.MessageKind(m.Kind) + ": " + Quoted.Of(m.Text),
    };
}
