namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>Builds a <see cref="PpMacro"/> from the tokens of a #define line.</summary>
internal static class MacroDefinitionParser
{
    /// <param name="tokens">The whole directive line: '#', 'define', name, ...</param>
    /// <param name="assemblerMode">cpp -x assembler-with-cpp: a '#' not followed by a parameter stays a plain '#'.</param>
    public static PpMacro Parse(PpToken[] tokens, bool assemblerMode, string? file)
    {
        var directive = tokens[1];
        if (tokens.Length < 3)
            throw new PreprocessorError("no macro name given in #define directive", directive.Line, directive.Column + directive.Text.Length);
        var nameTok = tokens[2];
        var name = CheckMacroName(nameTok, "#define");

        int i = 3;
        bool funcLike = i < tokens.Length && tokens[i].IsPunct("(") && !tokens[i].PrevWhite;
        var parms = new List<PpSymbol>();
        bool variadic = false;
        if (funcLike)
        {
            i++;
            bool expectName = true;
            while (true)
            {
                if (i >= tokens.Length)
                    throw new PreprocessorError("missing ')' in macro parameter list", tokens[^1].Line, tokens[^1].Column + tokens[^1].Text.Length);
                var t = tokens[i++];
                if (t.IsPunct(")"))
                {
                    if (expectName && parms.Count > 0)
                        throw new PreprocessorError("parameter name missing", t);
                    break;
                }
                if (variadic)
                    throw new PreprocessorError("missing ')' after \"...\"", t);
                if (expectName)
                {
                    if (t.IsPunct("..."))
                    {
                        // cpp: a bare '...' collects the variable arguments as __VA_ARGS__
                        variadic = true;
                        parms.Add(VaArgsSymbol(tokens));
                        expectName = false;
                        continue;
                    }
                    if (!t.IsIdentifier)
                        throw new PreprocessorError($"expected parameter name, found \"{t.Text}\"", t);
                    if (t.Text == "__VA_ARGS__")
                        throw new PreprocessorError("__VA_ARGS__ can not be used as a parameter name", t);
                    if (parms.Contains(t.Symbol!))
                        throw new PreprocessorError($"duplicate macro parameter \"{t.Text}\"", t);
                    parms.Add(t.Symbol!);
                    expectName = false;
                    if (i < tokens.Length && tokens[i].IsPunct("..."))
                    {
                        // cpp (GNU): "name..." is a named variadic parameter
                        variadic = true;
                        i++;
                    }
                    continue;
                }
                if (t.IsPunct(",")) { expectName = true; continue; }
                throw new PreprocessorError($"expected ',' or ')', found \"{t.Text}\"", t);
            }
        }

        var body = new List<PpBodyToken>(tokens.Length - i);
        var vaOptStack = new Stack<(int Entry, int Depth)>();
        int parenDepth = 0;
        for (; i < tokens.Length; i++)
        {
            var t = tokens[i];
            var flags = (t.Flags & PpTokenFlags.PrevWhite) | PpTokenFlags.FromMacro;
            // cpp: whitespace before the first replacement token is not part of the definition
            if (body.Count == 0) flags &= ~PpTokenFlags.PrevWhite;
            if (t.IsPunct("##"))
            {
                // cpp: reported at the macro name
                if (body.Count == 0 || i == tokens.Length - 1)
                    throw new PreprocessorError("'##' cannot appear at either end of a macro expansion", nameTok);
                if (vaOptStack.Count > 0 && body[^1].Token.IsPunct("(") && body.Count - 1 == vaOptStack.Peek().Entry + 1)
                    throw new PreprocessorError("'##' cannot appear at either end of __VA_OPT__", t);
                body[^1] = body[^1].WithPasteLeft();
                continue;
            }
            if (funcLike && t.IsPunct("#"))
            {
                int p = i + 1 < tokens.Length ? ParamIndex(tokens[i + 1], parms) : -1;
                if (p >= 0)
                {
                    // cpp: '#' before a parameter stringifies the argument
                    body.Add(new PpBodyToken(tokens[i + 1].WithFlags(flags), (short)p, true, false));
                    i++;
                    continue;
                }
                if (!assemblerMode)
                    throw new PreprocessorError("'#' is not followed by a macro parameter", t);
                // cpp (assembler): a '#' that is no operator is kept as it is
            }
            if (variadic && t.IsIdentifier && t.Text == "__VA_OPT__" && i + 1 < tokens.Length && tokens[i + 1].IsPunct("("))
            {
                // cpp (C2x): __VA_OPT__( ... ) keeps its content only when the variable arguments are present
                vaOptStack.Push((body.Count, parenDepth));
                body.Add(new PpBodyToken(t.WithFlags(flags), -1, false, false, 0));
                body.Add(new PpBodyToken(tokens[i + 1].WithFlags((tokens[i + 1].Flags & PpTokenFlags.PrevWhite) | PpTokenFlags.FromMacro), -1, false, false));
                i++;
                parenDepth++;
                continue;
            }
            if (t.IsPunct("(")) parenDepth++;
            else if (t.IsPunct(")"))
            {
                parenDepth--;
                if (vaOptStack.Count > 0 && vaOptStack.Peek().Depth == parenDepth)
                {
                    var (entry, _) = vaOptStack.Pop();
                    body.Add(new PpBodyToken(t.WithFlags(flags), -1, false, false));
                    var open = body[entry];
                    body[entry] = new PpBodyToken(open.Token, -1, false, open.PasteLeft, (short)(body.Count - 1));
                    continue;
                }
            }
            int param = funcLike ? ParamIndex(t, parms) : -1;
            body.Add(new PpBodyToken(t.WithFlags(flags), (short)param, false, false));
        }
        if (vaOptStack.Count > 0)
        {
            var (entry, _) = vaOptStack.Peek();
            var at = body[entry].Token;
            throw new PreprocessorError("unterminated __VA_OPT__", at);
        }

        var bodyArr = body.ToArray();
        return new PpMacro
        {
            Name = name,
            Tokens = Array.ConvertAll(bodyArr, b => b.Token),
            HasPaste = Array.Exists(bodyArr, b => b.PasteLeft),
            IsFunctionLike = funcLike,
            Params = parms.ToArray(),
            IsVariadic = variadic,
            Body = bodyArr,
            File = file,
            Line = nameTok.Line,
            Column = nameTok.Column,
        };
    }

    /// <summary>Checks the identifier after #define/#undef/#ifdef.</summary>
    public static PpSymbol CheckMacroName(in PpToken t, string directive)
    {
        if (!t.IsIdentifier)
            throw new PreprocessorError("macro names must be identifiers", t);
        // cpp: "defined" (and the __has_include operator) can never be defined or undefined
        if (directive is "#define" or "undef" && t.Text is "defined" or "__has_include" or "__has_include_next")
            throw new PreprocessorError($"\"{t.Text}\" cannot be used as a macro name", t);
        return t.Symbol!;
    }

    private static int ParamIndex(in PpToken t, List<PpSymbol> parms)
    {
        if (!t.IsIdentifier) return -1;
        for (int k = 0; k < parms.Count; k++)
            if (ReferenceEquals(parms[k], t.Symbol) || parms[k].Name == t.Text) return k;
        return -1;
    }

    private static PpSymbol VaArgsSymbol(PpToken[] tokens)
    {
        foreach (var t in tokens)
            if (t.IsIdentifier && t.Text == "__VA_ARGS__") return t.Symbol!;
        return new PpSymbol("__VA_ARGS__", -1);
    }
}
