namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// Evaluates the controlling expression of #if/#elif after macro expansion, <c>defined</c> and <c>__has_include</c>
/// have been replaced by numbers. cpp: arithmetic is in intmax_t / uintmax_t with the usual C conversions.
/// </summary>
internal sealed class ExpressionEvaluator
{
    private readonly struct Value
    {
        public readonly long Bits;
        public readonly bool Unsigned;
        public Value(long bits, bool unsigned) { Bits = bits; Unsigned = unsigned; }
        public bool IsTrue => Bits != 0;
        public static Value Int(bool b) => new(b ? 1 : 0, false);
    }

    private readonly List<PpToken> _t;
    private readonly PpToken _directive;
    private readonly int _endLine, _endColumn;
    private int _pos;
    private int _depth;

    private ExpressionEvaluator(List<PpToken> tokens, in PpToken directive, int endLine, int endColumn)
    {
        _t = tokens; _directive = directive; _endLine = endLine; _endColumn = endColumn;
    }

    /// <param name="tokens">Expanded tokens (no padding).</param>
    /// <param name="directive">The directive name token (for errors about tokens that came from macros).</param>
    public static bool Evaluate(List<PpToken> tokens, in PpToken directive, int endLine, int endColumn)
    {
        var e = new ExpressionEvaluator(tokens, directive, endLine, endColumn);
        if (tokens.Count == 0)
            throw new PreprocessorError($"#{directive.Text} with no expression", endLine, endColumn);
        var v = e.Comma(true);
        if (e._pos < tokens.Count)
        {
            var t = tokens[e._pos];
            if (t.IsPunct(")")) throw e.Error("missing '(' in expression", t);
            if (t.IsPunct(":")) throw e.Error("':' without preceding '?'", t);
            throw e.Error($"missing binary operator before token \"{t.Text}\"", t);
        }
        return v.IsTrue;
    }

    /// <summary>One more level of nesting: at most <see cref="DeviceTreeLimits.MaxIfExpressionDepth"/>, and never past the stack.</summary>
    private void Deeper()
    {
        if (++_depth > DeviceTreeLimits.MaxIfExpressionDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw ErrorAtEnd("#if expression nested too deeply");
    }

    private PreprocessorError Error(string message, in PpToken at) =>
        (at.Flags & PpTokenFlags.FromMacro) != 0 ? new PreprocessorError(message, _directive) : new PreprocessorError(message, at);

    private PreprocessorError ErrorAtEnd(string message) => new(message, _endLine, _endColumn);

    private bool Peek(string punct) => _pos < _t.Count && _t[_pos].IsPunct(punct);

    // cpp: the comma operator is accepted in #if (pedantic warning) and yields its right operand
    private Value Comma(bool eval)
    {
        var v = PpConditional(eval);
        while (Peek(","))
        {
            _pos++;
            v = PpConditional(eval);
        }
        return v;
    }

    private Value PpConditional(bool eval)
    {
        Deeper();
        var c = Binary(1, eval);
        if (Peek("?"))
        {
            var q = _t[_pos++];
            // cpp: only the chosen branch is evaluated (division by zero elsewhere is no error)
            var a = Comma(eval && c.IsTrue);
            if (!Peek(":")) throw _pos < _t.Count ? Error($"'?' without following ':'", q) : ErrorAtEnd("'?' without following ':'");
            _pos++;
            var b = PpConditional(eval && !c.IsTrue);
            bool uns = a.Unsigned || b.Unsigned;
            c = new Value(c.IsTrue ? a.Bits : b.Bits, uns);
        }
        _depth--;
        return c;
    }

    private static int Precedence(in PpToken t)
    {
        if (t.Kind != PpTokenKind.Punct) return -1;
        return t.Text switch
        {
            "||" => 1,
            "&&" => 2,
            "|" => 3,
            "^" => 4,
            "&" => 5,
            "==" or "!=" => 6,
            "<" or ">" or "<=" or ">=" => 7,
            "<<" or ">>" => 8,
            "+" or "-" => 9,
            "*" or "/" or "%" => 10,
            _ => -1,
        };
    }

    private Value Binary(int minPrec, bool eval)
    {
        var left = Unary(eval);
        while (_pos < _t.Count)
        {
            var op = _t[_pos];
            int prec = Precedence(op);
            if (prec < minPrec) break;
            _pos++;
            if (_pos >= _t.Count) throw ErrorAtEnd($"operator '{op.Text}' has no right operand");
            // cpp: && and || do not evaluate their right operand when the left decides
            bool evalRight = op.Text switch
            {
                "&&" => eval && left.IsTrue,
                "||" => eval && !left.IsTrue,
                _ => eval,
            };
            var right = Binary(prec + 1, evalRight);
            left = Apply(op, left, right, eval);
        }
        return left;
    }

    private Value Apply(in PpToken op, Value l, Value r, bool eval)
    {
        bool uns = l.Unsigned || r.Unsigned;
        ulong ul = (ulong)l.Bits, ur = (ulong)r.Bits;
        switch (op.Text)
        {
            case "||": return Value.Int(l.IsTrue || r.IsTrue);
            case "&&": return Value.Int(l.IsTrue && r.IsTrue);
            case "|": return new Value(l.Bits | r.Bits, uns);
            case "^": return new Value(l.Bits ^ r.Bits, uns);
            case "&": return new Value(l.Bits & r.Bits, uns);
            case "==": return Value.Int(l.Bits == r.Bits);
            case "!=": return Value.Int(l.Bits != r.Bits);
            case "<": return Value.Int(uns ? ul < ur : l.Bits < r.Bits);
            case ">": return Value.Int(uns ? ul > ur : l.Bits > r.Bits);
            case "<=": return Value.Int(uns ? ul <= ur : l.Bits <= r.Bits);
            case ">=": return Value.Int(uns ? ul >= ur : l.Bits >= r.Bits);
            // cpp: the result of a shift has the type of its left operand; a negative count shifts the other way
            case "<<": return Shift(l, r, left: true);
            case ">>": return Shift(l, r, left: false);
            case "+": return new Value(unchecked(l.Bits + r.Bits), uns);
            case "-": return new Value(unchecked(l.Bits - r.Bits), uns);
            case "*": return new Value(unchecked(l.Bits * r.Bits), uns);
            case "/":
            case "%":
                if (r.Bits == 0)
                {
                    if (!eval) return new Value(0, uns);
                    throw Error($"division by zero in #if", op);
                }
                if (uns) return new Value((long)(op.Text == "/" ? ul / ur : ul % ur), true);
                // cpp: INTMAX_MIN / -1 overflows (pedantic warning); it wraps
                if (r.Bits == -1) return new Value(op.Text == "/" ? unchecked(-l.Bits) : 0, false);
                return new Value(op.Text == "/" ? l.Bits / r.Bits : l.Bits % r.Bits, false);
        }
        throw Error($"token \"{op.Text}\" is not valid in preprocessor expressions", op);
    }

    private static Value Shift(Value l, Value r, bool left)
    {
        long n = r.Bits;
        if (!r.Unsigned && n < 0) { left = !left; n = n == long.MinValue ? long.MaxValue : -n; }
        else if (r.Unsigned && (ulong)n > 64) n = 64;
        if (left) return new Value(n >= 64 ? 0 : l.Bits << (int)n, l.Unsigned);
        if (l.Unsigned) return new Value(n >= 64 ? 0 : (long)((ulong)l.Bits >> (int)n), true);
        return new Value(n >= 64 ? (l.Bits < 0 ? -1 : 0) : l.Bits >> (int)n, false);
    }

    private Value Unary(bool eval)
    {
        if (_pos >= _t.Count) throw ErrorAtEnd("#if with no expression");
        var t = _t[_pos];
        if (t.Kind == PpTokenKind.Punct)
        {
            switch (t.Text)
            {
                case "+":
                case "-":
                case "~":
                case "!":
                    _pos++;
                    if (_pos >= _t.Count) throw ErrorAtEnd($"operator '{t.Text}' has no right operand");
                    Deeper();
                    var v = Unary(eval);
                    _depth--;
                    return t.Text switch
                    {
                        "+" => v,
                        "-" => new Value(unchecked(-v.Bits), v.Unsigned),
                        "~" => new Value(~v.Bits, v.Unsigned),
                        _ => Value.Int(!v.IsTrue),
                    };
                case "(":
                    _pos++;
                    if (Peek(")")) throw Error("missing expression between '(' and ')'", _t[_pos]);
                    var inner = Comma(eval);
                    if (!Peek(")"))
                        throw _pos < _t.Count ? Error($"missing ')' in expression", _t[_pos]) : ErrorAtEnd("missing ')' in expression");
                    _pos++;
                    return inner;
            }
            if (Precedence(t) > 0 || t.IsPunct("?") || t.IsPunct(":") || t.IsPunct(")") || t.IsPunct(","))
                throw Error($"operator '{t.Text}' has no left operand", t);
            throw Error($"token \"{t.Text}\" is not valid in preprocessor expressions", t);
        }
        _pos++;
        switch (t.Kind)
        {
            case PpTokenKind.Number: return ParseNumber(t);
            // cpp: an identifier that is not a macro evaluates to 0
            case PpTokenKind.Identifier: return new Value(0, false);
            case PpTokenKind.String when t.Text[0] == '\'': return new Value(CharValue(t), false);
        }
        throw Error($"token \"{t.Text}\" is not valid in preprocessor expressions", t);
    }

    private Value ParseNumber(in PpToken t)
    {
        string s = t.Text;
        int i = 0, radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            if ((s[1] | 0x20) == 'x') { radix = 16; i = 2; }
            else if ((s[1] | 0x20) == 'b') { radix = 2; i = 2; }
            else { radix = 8; i = 1; }
        }
        int digitsStart = i;
        ulong value = 0;
        bool overflow = false;
        for (; i < s.Length; i++)
        {
            int d = DigitValue(s[i]);
            if (d < 0 || d >= radix)
            {
                if (radix == 8 && d >= 8 && d < 10) throw Error($"invalid digit \"{s[i]}\" in octal constant", t);
                break;
            }
            ulong next = unchecked(value * (ulong)radix + (ulong)d);
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix) overflow = true;
            value = next;
        }
        if ((radix == 16 || radix == 2) && i == digitsStart)
            throw Error($"invalid suffix \"{s[(digitsStart - 1)..]}\" on integer constant", t);
        string suffix = s[i..];
        bool uns = false;
        if (suffix.Length > 0)
        {
            bool isFloat = suffix.Contains('.')
                || (radix == 16 ? suffix.IndexOfAny(['p', 'P']) >= 0 : radix != 2 && suffix.IndexOfAny(['e', 'E']) >= 0);
            if (isFloat) throw Error("floating constant in preprocessor expression", t);
            if (!IsIntegerSuffix(suffix, out uns))
                throw Error($"invalid suffix \"{suffix}\" on integer constant", t);
        }
        _ = overflow; // cpp: "integer constant is too large for its type" is a pedantic warning; the value wraps
        // cpp: a constant too big for intmax_t is unsigned
        if (value > long.MaxValue) uns = true;
        return new Value((long)value, uns);
    }

    private static int DigitValue(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        c = (char)(c | 0x20);
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }

    /// <summary>cpp: u, l, ll, ul, ull, lu, llu in any case (but "lL" is not "ll").</summary>
    private static bool IsIntegerSuffix(string s, out bool unsigned)
    {
        unsigned = false;
        int i = 0;
        if (i < s.Length && (s[i] | 0x20) == 'u') { unsigned = true; i++; }
        if (i < s.Length && (s[i] | 0x20) == 'l')
        {
            if (i + 1 < s.Length && s[i + 1] == s[i]) i += 2; else i++;
        }
        if (!unsigned && i < s.Length && (s[i] | 0x20) == 'u') { unsigned = true; i++; }
        return i == s.Length && s.Length > 0;
    }

    /// <summary>cpp: a character constant has type int; plain char is signed; several characters combine big-endian.</summary>
    private int CharValue(in PpToken t)
    {
        string s = t.Text;
        int i = 1, end = s.Length - 1;
        long result = 0;
        int count = 0;
        while (i < end)
        {
            int c = s[i++];
            if (c == '\\' && i < end)
            {
                char e = s[i++];
                switch (e)
                {
                    case 'n': c = '\n'; break;
                    case 't': c = '\t'; break;
                    case 'r': c = '\r'; break;
                    case 'a': c = 7; break;
                    case 'b': c = 8; break;
                    case 'f': c = 12; break;
                    case 'v': c = 11; break;
                    case 'e': case 'E': c = 27; break;
                    case 'x':
                        {
                            int v = 0, k = 0;
                            while (i < end && DigitValue(s[i]) >= 0) { v = unchecked(v * 16 + DigitValue(s[i])); i++; k++; }
                            if (k == 0) throw Error("\\x used with no following hex digits", t);
                            c = v & 0xFF;
                            break;
                        }
                    default:
                        if (e >= '0' && e <= '7')
                        {
                            int v = e - '0', k = 1;
                            while (k < 3 && i < end && s[i] >= '0' && s[i] <= '7') { v = v * 8 + (s[i] - '0'); i++; k++; }
                            c = v & 0xFF;
                        }
                        else c = e;
                        break;
                }
            }
            else if (c > 0x7F)
            {
                // a non-ASCII character counts as its UTF-8 bytes
                foreach (byte b in System.Text.Encoding.UTF8.GetBytes(((char)c).ToString()))
                {
                    result = (result << 8) | b; count++;
                }
                continue;
            }
            result = (result << 8) | (uint)(c & 0xFF);
            count++;
        }
        if (count == 0) throw Error("empty character constant", t);
        if (count == 1) return (sbyte)(byte)result;
        return unchecked((int)result);
    }
}
