namespace ProbeSim.DeviceTree.Preprocessor;

internal sealed partial class MacroExpander
{
    /// <summary>replace_args: the replacement list of a function-like macro with its arguments substituted and pasted.</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<PpToken> Substitute(PpMacro m, List<List<PpToken>> args, bool varargsOmitted, in PpToken name)
    {
        var body = m.Body;
        var result = RentList();
        var expanded = new List<PpToken>?[args.Count];
        int vaIndex = m.IsVariadic ? m.Params.Length - 1 : -1;
        int skipClose = -1; // index of the ')' closing an included __VA_OPT__
        for (int i = 0; i < body.Length; i++)
        {
            var b = body[i];
            if (b.VaOptEnd > 0 && b.Param < 0)
            {
                // cpp (C2x): __VA_OPT__(x) is x when the variable arguments have tokens, else nothing
                if (HasRealTokens(args[vaIndex])) { skipClose = b.VaOptEnd; i++; }
                else
                {
                    bool pasteAround = (result.Count > 0 && (result[^1].Flags & PpTokenFlags.PasteLeft) != 0) || body[b.VaOptEnd].PasteLeft;
                    if (pasteAround)
                        result.Add(new PpToken(PpTokenKind.Placemarker, string.Empty, null,
                            body[b.VaOptEnd].PasteLeft ? PpTokenFlags.PasteLeft : PpTokenFlags.None, name.Line, name.Column));
                    i = b.VaOptEnd;
                }
                continue;
            }
            if (i == skipClose)
            {
                skipClose = -1;
                if (b.PasteLeft && result.Count > 0) result[^1] = result[^1].WithFlags(result[^1].Flags | PpTokenFlags.PasteLeft);
                continue;
            }
            if (b.Param < 0)
            {
                var tok = b.Token;
                if (b.PasteLeft) tok = tok.WithFlags(tok.Flags | PpTokenFlags.PasteLeft);
                result.Add(tok);
                continue;
            }

            var arg = args[b.Param];
            if (b.Stringify)
            {
                var flags = (b.Token.Flags & PpTokenFlags.PrevWhite) | PpTokenFlags.FromMacro | (b.PasteLeft ? PpTokenFlags.PasteLeft : 0);
                var str = Stringifier.Stringify(arg, DeviceTreeLimits.MaxMadeTokenChars)
                    ?? throw new PreprocessorError($"# makes a string longer than {DeviceTreeLimits.MaxMadeTokenChars} characters", _lastBase);
                result.Add(new PpToken(PpTokenKind.String, str, null, flags, name.Line, name.Column));
                continue;
            }

            bool rhsOfPaste = i > 0 && body[i - 1].PasteLeft && !(body[i - 1].VaOptEnd > 0 && body[i - 1].Param < 0);
            if (b.PasteLeft || rhsOfPaste)
            {
                // cpp: an operand of ## is substituted without macro expansion
                if (rhsOfPaste && b.Param == vaIndex && body[i - 1].Token.IsPunct(",") && body[i - 1].Param < 0
                    && result.Count > 0 && result[^1].IsPunct(","))
                {
                    // cpp (GNU): ", ## __VA_ARGS__" drops the comma when the variable arguments are left out,
                    // and otherwise does not paste
                    if (varargsOmitted)
                    {
                        result.RemoveAt(result.Count - 1);
                        continue;
                    }
                    result[^1] = result[^1].WithFlags(result[^1].Flags & ~PpTokenFlags.PasteLeft);
                    rhsOfPaste = false;
                }
                // cpp: padding on the left of an argument unless it is the right operand of ## in the definition
                if (i > 0 && !body[i - 1].PasteLeft) result.Add(PpToken.PaddingFor(b.Token));
                int before = result.Count;
                foreach (var t in arg)
                    if (!t.IsPadding) result.Add(t.WithFlags(t.Flags | PpTokenFlags.FromMacro));
                if (result.Count == before)
                {
                    // cpp: an empty operand of ## is a placemarker
                    result.Add(new PpToken(PpTokenKind.Placemarker, string.Empty, null, b.PasteLeft ? PpTokenFlags.PasteLeft : PpTokenFlags.None, name.Line, name.Column));
                }
                else
                {
                    if (b.PasteLeft) result[^1] = result[^1].WithFlags(result[^1].Flags | PpTokenFlags.PasteLeft);
                    if (rhsOfPaste)
                    {
                        var first = result[before];
                        result[before] = first.WithFlags((first.Flags & ~PpTokenFlags.PrevWhite) | (b.Token.Flags & PpTokenFlags.PrevWhite));
                    }
                }
                if (!b.PasteLeft) result.Add(PpToken.AvoidPaste(name.Line, name.Column));
                continue;
            }

            // cpp: an argument is fully macro-expanded before substitution (not when used with # or ##)
            var exp = expanded[b.Param] ??= ExpandArg(arg);
            if (i > 0) result.Add(PpToken.PaddingFor(b.Token));
            foreach (var t in exp) result.Add((t.Flags & PpTokenFlags.FromMacro) != 0 || t.IsPadding ? t : t.WithFlags(t.Flags | PpTokenFlags.FromMacro));
            result.Add(PpToken.AvoidPaste(name.Line, name.Column));
        }
        for (int k = 0; k < expanded.Length; k++)
            if (expanded[k] is { } e && !ReferenceEquals(e, args[k])) ReturnList(e);
        return m.HasPaste || HasPasteFlag(result) ? PasteAll(result) : result;
    }

    private static bool HasRealTokens(List<PpToken> arg)
    {
        foreach (var t in arg) if (!t.IsPadding && t.Kind != PpTokenKind.Placemarker) return true;
        return false;
    }

    private static bool HasPasteFlag(List<PpToken> list)
    {
        foreach (var t in list) if ((t.Flags & PpTokenFlags.PasteLeft) != 0) return true;
        return false;
    }

    /// <summary>paste_all_tokens: applies every '##' in the list, left to right; placemarkers disappear.</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<PpToken> PasteAll(List<PpToken> list)
    {
        var output = RentList();
        for (int i = 0; i < list.Count; i++)
        {
            var lhs = list[i];
            if ((lhs.Flags & PpTokenFlags.PasteLeft) == 0)
            {
                if (lhs.Kind != PpTokenKind.Placemarker) output.Add(lhs);
                continue;
            }
            while ((lhs.Flags & PpTokenFlags.PasteLeft) != 0)
            {
                int j = i + 1;
                while (j < list.Count && list[j].IsPadding) j++;
                if (j >= list.Count) { lhs = lhs.WithFlags(lhs.Flags & ~PpTokenFlags.PasteLeft); break; }
                var rhs = list[j];
                i = j;
                if ((long)lhs.Text.Length + rhs.Text.Length > DeviceTreeLimits.MaxMadeTokenChars)
                    throw new PreprocessorError($"## makes a token longer than {DeviceTreeLimits.MaxMadeTokenChars} characters", _lastBase);
                if (TokenPaster.TryPaste(lhs, rhs, _host.Symbols, out var pasted)) { lhs = pasted; continue; }
                if (!_host.AssemblerMode)
                    throw new PreprocessorError($"pasting \"{lhs.Text}\" and \"{rhs.Text}\" does not give a valid preprocessing token", _lastBase);
                // cpp (assembler): an invalid paste leaves the two tokens side by side
                output.Add(lhs.WithFlags(lhs.Flags & ~PpTokenFlags.PasteLeft));
                output.Add(PpToken.AvoidPaste(lhs.Line, lhs.Column));
                lhs = rhs.WithFlags(rhs.Flags & ~PpTokenFlags.PrevWhite);
            }
            if (lhs.Kind != PpTokenKind.Placemarker) output.Add(lhs);
        }
        ReturnList(list);
        return output;
    }
}
