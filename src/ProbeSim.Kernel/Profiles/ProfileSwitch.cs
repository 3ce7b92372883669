using System.Globalization;

namespace ProbeSim.Kernel.Profiles;

/// <summary>The type of a profile switch's value.</summary>
public enum SwitchKind { Bool, Int, Choice, List }

/// <summary>
/// One behaviour that changed between kernel versions. Values is the set of allowed words for a Choice (or of
/// allowed items for a List); Kernel names the function or commit the switch mirrors. Each switch is declared once,
/// in <see cref="SwitchCatalog"/>, by one of the typed kinds below, which both list it and decode its value.
/// </summary>
public abstract class ProfileSwitch
{
    private protected ProfileSwitch(string name, SwitchKind kind, string description, string kernel, IReadOnlyList<string>? values)
    {
        Name = name;
        Kind = kind;
        Description = description;
        Kernel = kernel;
        Values = values;
    }

    public string Name { get; }
    public SwitchKind Kind { get; }
    public string Description { get; }
    public string Kernel { get; }
    public IReadOnlyList<string>? Values { get; }

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
                return int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    ? n.ToString(CultureInfo.InvariantCulture) : null;
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

    /// <summary>A normalised value decoded to its typed value, boxed (for callers that hold switches of every type).</summary>
    public abstract object? DecodeBoxed(string value);

    /// <summary>A value the switch does not have: the same words as a bad --set.</summary>
    private protected ProfileException BadValue(string value) => new($"bad value '{value}' for switch '{Name}': expected {Expected}");
}

/// <summary>A switch whose (normalised) value decodes to a <typeparamref name="T"/>; a value it does not have is an error, never a default.</summary>
public abstract class ProfileSwitch<T> : ProfileSwitch
{
    private protected ProfileSwitch(string name, SwitchKind kind, string description, string kernel, IReadOnlyList<string>? values)
        : base(name, kind, description, kernel, values) { }

    /// <summary>This switch's value in a profile, decoded.</summary>
    public T Read(KernelProfile profile) => Decode(profile[Name]);

    /// <summary>A normalised value decoded; <see cref="ProfileException"/> naming the switch and the value when it has no such value.</summary>
    public abstract T Decode(string value);

    public sealed override object? DecodeBoxed(string value) => Decode(value);
}

/// <summary>A true/false switch.</summary>
public sealed class BoolSwitch(string name, string description, string kernel)
    : ProfileSwitch<bool>(name, SwitchKind.Bool, description, kernel, null)
{
    public override bool Decode(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw BadValue(value),
    };
}

/// <summary>An integer switch; <c>none</c> decodes to null.</summary>
public sealed class IntSwitch(string name, string description, string kernel)
    : ProfileSwitch<int?>(name, SwitchKind.Int, description, kernel, null)
{
    public override int? Decode(string value) =>
        value == "none" ? null
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw BadValue(value);
}

/// <summary>
/// A switch with a fixed set of words, each paired with the typed value it decodes to (an enum named for what the
/// switch decides, or a bool named by the setting that reads it). The words exist only here.
/// </summary>
public sealed class ChoiceSwitch<T> : ProfileSwitch<T> where T : notnull
{
    private readonly (string Word, T Value)[] _choices;

    public ChoiceSwitch(string name, string description, string kernel, params (string Word, T Value)[] choices)
        : base(name, SwitchKind.Choice, description, kernel, choices.Select(c => c.Word).ToArray())
    {
        if (choices.Length < 2) throw new ArgumentException($"switch {name}: a choice needs at least two words", nameof(choices));
        if (choices.Select(c => c.Word).Distinct(StringComparer.Ordinal).Count() != choices.Length
            || choices.Select(c => c.Value).Distinct().Count() != choices.Length)
            throw new ArgumentException($"switch {name}: two words or two values are the same", nameof(choices));
        _choices = choices;
    }

    /// <summary>Every word of the switch and the value it decodes to, in the catalog's order.</summary>
    public IReadOnlyList<(string Word, T Value)> Choices => _choices;

    public override T Decode(string value)
    {
        foreach (var (word, typed) in _choices)
            if (word == value) return typed;
        throw BadValue(value);
    }
}

/// <summary>A list switch; <paramref name="allowed"/> (when given) is the set of items it may hold.</summary>
public sealed class ListSwitch(string name, string description, string kernel, IReadOnlyList<string>? allowed = null)
    : ProfileSwitch<IReadOnlyList<string>>(name, SwitchKind.List, description, kernel, allowed)
{
    public override IReadOnlyList<string> Decode(string value)
    {
        var items = SplitList(value);
        if (Values is not null && items.Any(i => !Values.Contains(i))) throw BadValue(value);
        return items;
    }
}
