namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>Macros whose value the preprocessor computes where they are used.</summary>
internal enum PpBuiltinMacro : byte { None, File, Line, Counter, IncludeLevel }

/// <summary>One token of a macro's replacement list.</summary>
internal readonly struct PpBodyToken
{
    public readonly PpToken Token;
    /// <summary>Index of the parameter this token names, or -1.</summary>
    public readonly short Param;
    /// <summary>cpp: '#' before a parameter stringifies the argument; the '#' is folded into this entry.</summary>
    public readonly bool Stringify;
    /// <summary>cpp: the token is followed by '##' (the '##' itself is not kept).</summary>
    public readonly bool PasteLeft;
    /// <summary>Start of <c>__VA_OPT__(</c>: <see cref="VaOptEnd"/> is the index of its closing ')' entry.</summary>
    public readonly short VaOptEnd;

    public PpBodyToken(PpToken token, short param, bool stringify, bool pasteLeft, short vaOptEnd = -1)
    {
        Token = token; Param = param; Stringify = stringify; PasteLeft = pasteLeft; VaOptEnd = vaOptEnd;
    }

    public PpBodyToken WithPasteLeft() => new(Token, Param, Stringify, true, VaOptEnd);
}

/// <summary>An immutable macro definition (shared between runs when it comes from a cached file).</summary>
internal sealed class PpMacro
{
    public required PpSymbol Name { get; init; }
    public bool IsFunctionLike { get; init; }
    public PpSymbol[] Params { get; init; } = [];
    /// <summary>The last parameter collects the variable arguments (<c>...</c> as __VA_ARGS__, or GNU <c>name...</c>).</summary>
    public bool IsVariadic { get; init; }
    public PpBodyToken[] Body { get; init; } = [];
    /// <summary>The replacement tokens alone, pushed as they are for an object-like macro without '##'.</summary>
    public PpToken[] Tokens { get; init; } = [];
    public bool HasPaste { get; init; }
    public PpBuiltinMacro Builtin { get; init; }
    /// <summary>Where it was defined (for the redefinition warning).</summary>
    public string? File { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>cpp: a redefinition is allowed silently only when parameters and replacement list (including whitespace separation) are identical.</summary>
    public bool SameDefinitionAs(PpMacro other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (IsFunctionLike != other.IsFunctionLike || IsVariadic != other.IsVariadic || Builtin != other.Builtin
            || Params.Length != other.Params.Length || Body.Length != other.Body.Length)
            return false;
        for (int i = 0; i < Params.Length; i++)
            if (!ReferenceEquals(Params[i], other.Params[i]) && Params[i].Name != other.Params[i].Name) return false;
        for (int i = 0; i < Body.Length; i++)
        {
            var a = Body[i]; var b = other.Body[i];
            if (a.Param != b.Param || a.Stringify != b.Stringify || a.PasteLeft != b.PasteLeft || a.VaOptEnd != b.VaOptEnd) return false;
            if (a.Token.Kind != b.Token.Kind || a.Token.Text != b.Token.Text) return false;
            if (i > 0 && a.Token.PrevWhite != b.Token.PrevWhite) return false;
        }
        return true;
    }
}
