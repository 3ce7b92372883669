namespace ProbeSim.Kernel.Profiles;

/// <summary>The type of a profile switch's value.</summary>
public enum SwitchKind { Bool, Int, Choice, List }

/// <summary>
/// One behaviour that changed between kernel versions. Values is the set of allowed words for a Choice;
/// Kernel names the function or commit the switch mirrors.
/// </summary>
public sealed record ProfileSwitch(string Name, SwitchKind Kind, string Description, string Kernel, IReadOnlyList<string>? Values = null)
{
    /// <summary>Checks and normalises a value given as text (profile file, --set, scenario file); null when invalid.</summary>
    public string? Normalise(string text)
    {
        var t = text.Trim();
        switch (Kind)
        {
            case SwitchKind.Bool:
                return t.ToLowerInvariant() switch
                {
                    "1" or "y" or "yes" or "true" or "on" => "true",
                    "0" or "n" or "no" or "false" or "off" => "false",
                    _ => null,
                };
            case SwitchKind.Int:
                if (t == "none") return t;
                return int.TryParse(t, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            case SwitchKind.Choice:
                return Values!.Contains(t) ? t : null;
            default:
                var items = SplitList(t);
                if (Values is not null && items.Any(i => !Values.Contains(i))) return null;
                return string.Join(" ", items);
        }
    }

    /// <summary>List items are separated by spaces (compatibles contain commas); binding lists also accept commas.</summary>
    public string[] SplitList(string text) =>
        text.Split(Values is null ? new[] { ' ', '\t' } : new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries);

    public string Expected => Kind switch
    {
        SwitchKind.Bool => "true or false",
        SwitchKind.Int => "an integer or none",
        SwitchKind.Choice => "one of " + string.Join(", ", Values!),
        _ => Values is null ? "a space-separated list" : "a list (spaces or commas) of " + string.Join(", ", Values),
    };
}
