namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// PpMacro expansion over a stack of token contexts, as cpp does it: the base context is the current source line
/// (extended to following lines while an invocation is incomplete); each expansion pushes a context, and a macro is
/// disabled while its context is on the stack.
/// </summary>
internal sealed partial class MacroExpander
{
    private sealed class Context
    {
        public PpToken[] Tokens = [];
        /// <summary>When set, the tokens are read from this list instead of <see cref="Tokens"/>.</summary>
        public List<PpToken>? List;
        /// <summary>The list is rented from the pool and goes back when the context ends.</summary>
        public bool OwnsList;
        public int Pos, End;
        public PpMacro? Macro;
    }

    private readonly MacroTable _macros;
    private readonly IExpansionHost _host;
    private readonly List<Context> _stack = new();
    /// <summary>The macros whose expansion is on the stack (each is there at most once: an active macro is not entered).</summary>
    private readonly HashSet<PpMacro> _active = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<Context> _pool = new();
    private readonly Stack<List<PpToken>> _lists = new();

    private PpToken[] _base = [];
    private int _basePos;
    private int _baseLine;     // logical line index of _base
    private int _outputLine;   // logical line index whose output line is being printed
    private int _pendingLineChange = -1;
    private PpToken _lastBase;

    private int _floor = -1;   // during argument pre-expansion: contexts at or below this depth are out of reach
    private int _prevent;      // > 0: identifiers are not expanded (while looking for '(' and collecting arguments)
    private int _parsingArgs;  // 1: looking for '(' after a function-like macro name; 2: collecting arguments
    private int _argNesting;
    private long _expandedTokens;

    public MacroExpander(MacroTable macros, IExpansionHost host)
    {
        _macros = macros;
        _host = host;
    }

    /// <summary>In a directive the line never continues and padding is not returned.</summary>
    public bool InDirective { get; set; }

    /// <summary>Stops expansion of identifiers (used for the operand of <c>defined</c>).</summary>
    public void PreventExpansion(bool on) => _prevent += on ? 1 : -1;

    /// <summary>Physical line of the last token read from the source.</summary>
    public int CurrentPhysLine => _lastBase.Line;

    /// <summary>Starts on a new source line (its tokens and its logical line index).</summary>
    public void BeginLine(PpToken[] tokens, int lineIndex, int start = 0)
    {
        _stack.Clear();
        _active.Clear();
        _base = tokens;
        _basePos = start;
        _baseLine = lineIndex;
        _outputLine = lineIndex;
        _pendingLineChange = -1;
        _lastBase = tokens.Length > 0 ? tokens[Math.Min(start, tokens.Length - 1)] : default;
        _floor = -1;
        _prevent = 0;
        _parsingArgs = 0;
        _argNesting = 0;
    }

    /// <summary>
    /// cpp: the line-change callback; true when the token just returned was the first of a later source line
    /// (read outside an argument list), so output continues on a new line.
    /// </summary>
    public bool TakeLineChange(out int lineIndex)
    {
        lineIndex = _pendingLineChange;
        if (lineIndex < 0) return false;
        _pendingLineChange = -1;
        return true;
    }

    /// <summary>cpp_get_token: the next token of the fully macro-expanded stream; false at the end.</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Next(out PpToken t)
    {
        while (true)
        {
            if (ContextReadable)
            {
                var c = _stack[^1];
                if (c.Pos < c.End)
                {
                    t = c.List is { } l ? l[c.Pos++] : c.Tokens[c.Pos++];
                }
                else
                {
                    _stack.RemoveAt(_stack.Count - 1);
                    bool wasMacro = c.Macro is not null;
                    if (wasMacro) _active.Remove(c.Macro!);
                    Recycle(c);
                    // cpp: leaving a macro's expansion yields an avoid-paste padding
                    if (wasMacro && !InDirective) { t = PpToken.AvoidPaste(_lastBase.Line, _lastBase.Column); return true; }
                    continue;
                }
            }
            else
            {
                if (_floor >= 0) { t = default; return false; }
                if (_basePos >= _base.Length)
                {
                    if (InDirective || _parsingArgs == 0) { t = default; return false; }
                    if (!_host.TryPullLine(_parsingArgs == 2, out var toks, out int idx)) { t = default; return false; }
                    _base = toks;
                    _basePos = 0;
                    _baseLine = idx;
                    continue;
                }
                t = _base[_basePos++];
                _lastBase = t;
                if (_basePos == 1 && _parsingArgs == 0 && _baseLine != _outputLine)
                {
                    _pendingLineChange = _baseLine;
                    _outputLine = _baseLine;
                }
            }

            if (t.Kind == PpTokenKind.Identifier && (t.Flags & PpTokenFlags.NoExpand) == 0 && _prevent == 0
                && _macros.Lookup(t.Symbol!) is { } m)
            {
                // cpp: a macro is not expanded again inside its own expansion; the name is painted blue for good
                if (IsActive(m)) { t = t.WithFlags(t.Flags | PpTokenFlags.NoExpand); return true; }
                if (Enter(m, t))
                {
                    if (InDirective) continue;
                    t = PpToken.PaddingFor(t);
                    return true;
                }
            }
            return true;
        }
    }

    /// <summary>True when the next token comes from a context rather than from the source line.</summary>
    private bool ContextReadable => _floor < 0 ? _stack.Count > 0 : _stack.Count > _floor;

    private bool IsActive(PpMacro m) => _active.Contains(m);

    private void Push(PpToken[] tokens, int count, PpMacro? macro)
    {
        Spend(count);
        var c = _pool.Count > 0 ? _pool.Pop() : new Context();
        c.Tokens = tokens; c.Pos = 0; c.End = count; c.Macro = macro;
        _stack.Add(c);
        if (macro is not null) _active.Add(macro);
    }

    /// <summary>Counts tokens made by expansion (pushed or collected as arguments) against the run's budget.</summary>
    private void Spend(int count)
    {
        _expandedTokens += count;
        if (_expandedTokens > DeviceTreeLimits.MaxExpandedTokens)
            throw new PreprocessorError($"macro expansion too large (more than {DeviceTreeLimits.MaxExpandedTokens} tokens for one file)", _lastBase);
    }

    private void Push(List<PpToken> tokens, PpMacro? macro, bool owned)
    {
        Push([], tokens.Count, macro);
        var c = _stack[^1];
        c.List = tokens;
        c.OwnsList = owned;
    }

    private void Recycle(Context c)
    {
        if (c.OwnsList && c.List is { } l) ReturnList(l);
        c.Tokens = [];
        c.List = null;
        c.OwnsList = false;
        c.Macro = null;
        _pool.Push(c);
    }

    private List<PpToken> RentList() => _lists.Count > 0 ? _lists.Pop() : new List<PpToken>(16);

    private void ReturnList(List<PpToken> l)
    {
        if (l.Capacity > 4096) return;
        l.Clear();
        _lists.Push(l);
    }

    /// <summary>Undoes the last read of a real token (the token after a function-like macro name that is not '(').</summary>
    private void Backup()
    {
        if (ContextReadable) _stack[^1].Pos--;
        else _basePos--;
    }

    /// <summary>enter_macro_context: pushes the expansion of <paramref name="m"/>; false if it is not invoked.</summary>
    private bool Enter(PpMacro m, in PpToken name)
    {
        if (m.Builtin != PpBuiltinMacro.None)
        {
            Push([_host.BuiltinToken(m.Builtin, name, _lastBase.Line)], 1, null);
            return true;
        }
        if (!m.IsFunctionLike)
        {
            if (!m.HasPaste) Push(m.Tokens, m.Tokens.Length, m);
            else
            {
                var list = RentList();
                list.AddRange(m.Tokens);
                Push(PasteAll(list), m, owned: true);
            }
            return true;
        }

        int savedParsing = _parsingArgs;
        _prevent++;
        _parsingArgs = 1;
        PpToken padding = default;
        bool sawPadding = false;
        PpToken next;
        bool got;
        while ((got = Next(out next)) && next.IsPadding)
        {
            if (!sawPadding) { padding = next; sawPadding = true; }
        }
        if (!got || !next.IsPunct("("))
        {
            // cpp: a function-like macro name not followed by '(' is not expanded
            if (got) Backup();
            if (sawPadding) Push([padding], 1, null);
            _parsingArgs = savedParsing;
            _prevent--;
            return false;
        }
        _parsingArgs = 2;
        var args = CollectArgs(m, name, out bool varargsOmitted);
        _parsingArgs = savedParsing;
        _prevent--;
        var expansion = Substitute(m, args, varargsOmitted, name);
        foreach (var a in args) ReturnList(a);
        Push(expansion, m, owned: true);
        return true;
    }

    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<List<PpToken>> CollectArgs(PpMacro m, in PpToken name, out bool varargsOmitted)
    {
        var args = new List<List<PpToken>>(Math.Max(1, m.Params.Length));
        var cur = RentList();
        int depth = 0;
        PpToken close;
        while (true)
        {
            if (!Next(out var t))
            {
                int col = _lastBase.Column + (_lastBase.Text?.Length ?? 0);
                throw new PreprocessorError($"unterminated argument list invoking macro \"{m.Name.Name}\"", _lastBase.Line, col);
            }
            if (t.IsPadding)
            {
                // cpp: padding at the start of an argument is dropped
                if (cur.Count > 0) cur.Add(t);
                continue;
            }
            if (t.Kind == PpTokenKind.Punct)
            {
                if (t.IsPunct("(")) depth++;
                else if (t.IsPunct(")"))
                {
                    if (depth == 0) { close = t; break; }
                    depth--;
                }
                // cpp: commas inside parentheses, and in the variable arguments, do not separate arguments
                else if (t.IsPunct(",") && depth == 0 && !(m.IsVariadic && args.Count == m.Params.Length - 1))
                {
                    TrimPadding(cur);
                    args.Add(cur);
                    cur = RentList();
                    continue;
                }
            }
            cur.Add(t);
            if ((cur.Count & 1023) == 0) Spend(1024);
        }
        TrimPadding(cur);
        args.Add(cur);

        varargsOmitted = false;
        int n = m.Params.Length;
        var at = (close.Flags & PpTokenFlags.FromMacro) == 0 ? close : _lastBase;
        if (args.Count == 1 && n == 0 && args[0].Count == 0) { args.Clear(); return args; }
        if (args.Count < n)
        {
            // cpp (GNU): the variable arguments may be left out entirely
            if (m.IsVariadic && args.Count == n - 1) { varargsOmitted = true; args.Add(RentList()); }
            else if (n == 1 && args.Count == 0) args.Add(RentList());
            else throw new PreprocessorError($"macro \"{m.Name.Name}\" requires {n} arguments, but only {args.Count} given", at);
        }
        else if (args.Count > n)
            throw new PreprocessorError($"macro \"{m.Name.Name}\" passed {args.Count} arguments, but takes just {n}", at);
        _ = name;
        return args;
    }

    private static void TrimPadding(List<PpToken> arg)
    {
        int k = arg.Count;
        while (k > 0 && arg[k - 1].IsPadding) k--;
        if (k < arg.Count) arg.RemoveRange(k, arg.Count - k);
    }

    /// <summary>expand_arg: an argument fully macro-expanded on its own (it cannot reach past its end).</summary>
    // hot path: compiled fully optimised at once (a corpus run is over before tiered compilation would catch up)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<PpToken> ExpandArg(List<PpToken> arg)
    {
        bool any = false;
        foreach (var t in arg)
            if (t.Kind == PpTokenKind.Identifier && (t.Flags & PpTokenFlags.NoExpand) == 0 && _macros.IsDefined(t.Symbol!)) { any = true; break; }
        if (!any) return arg;
        if (++_argNesting > DeviceTreeLimits.MaxMacroArgNesting || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new PreprocessorError($"macro arguments nested too deeply (more than {DeviceTreeLimits.MaxMacroArgNesting} levels)", _lastBase);
        int savedFloor = _floor, savedParsing = _parsingArgs;
        _parsingArgs = 0;
        _floor = _stack.Count;
        Push(arg, null, owned: false);
        var result = RentList();
        while (Next(out var t)) result.Add(t);
        _floor = savedFloor;
        _parsingArgs = savedParsing;
        _argNesting--;
        return result;
    }
}
