using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>dtc's integer expressions: 64-bit unsigned C arithmetic with C precedence (dtc-parser.y integer_*).</summary>
internal sealed partial class DtsParser
{
    // integer_prim: DT_LITERAL | DT_CHAR_LITERAL | '(' integer_expr ')'
    private ulong ParseIntegerPrim()
    {
        switch (_tok.Kind)
        {
            case DtsTokenKind.Literal:
            case DtsTokenKind.CharLiteral:
            {
                var v = _tok.Value;
                Advance();
                return v;
            }
            case DtsTokenKind.Char when _tok.Char == '(':
            {
                Advance();
                var v = ParseTernary(0);
                Expect(')');
                return v;
            }
            default:
                throw SyntaxError("a number, a character literal or '('");
        }
    }

    private void CheckDepth(int depth)
    {
        if (depth > DeviceTreeLimits.MaxExpressionDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw DeviceTreeException.At(_tok.Location, "expression nested too deeply");
    }

    // integer_trinary: integer_or | integer_or '?' integer_expr ':' integer_trinary
    private ulong ParseTernary(int depth)
    {
        CheckDepth(depth);
        var cond = ParseBinary(0, depth);
        if (!_tok.Is('?')) return cond;
        Advance();
        var a = ParseTernary(depth + 1);
        Expect(':');
        var b = ParseTernary(depth + 1);
        return cond != 0 ? a : b;
    }

    // precedence levels, loosest first: || && | ^ & (== !=) (< > <= >=) (<< >>) (+ -) (* / %)
    private static int Level(in DtsToken t) => t.Kind switch
    {
        DtsTokenKind.OrOr => 0,
        DtsTokenKind.AndAnd => 1,
        DtsTokenKind.Char when t.Char == '|' => 2,
        DtsTokenKind.Char when t.Char == '^' => 3,
        DtsTokenKind.Char when t.Char == '&' => 4,
        DtsTokenKind.Eq or DtsTokenKind.Ne => 5,
        DtsTokenKind.Le or DtsTokenKind.Ge => 6,
        DtsTokenKind.Char when t.Char is '<' or '>' => 6,
        DtsTokenKind.LShift or DtsTokenKind.RShift => 7,
        DtsTokenKind.Char when t.Char is '+' or '-' => 8,
        DtsTokenKind.Char when t.Char is '*' or '/' or '%' => 9,
        _ => -1,
    };

    private ulong ParseBinary(int level, int depth)
    {
        if (level > 9) return ParseUnary(depth);
        var left = ParseBinary(level + 1, depth);
        while (Level(_tok) == level)
        {
            var op = _tok;
            Advance();
            var right = ParseBinary(level + 1, depth);
            left = Apply(op, left, right);
        }
        return left;
    }

    private ulong Apply(in DtsToken op, ulong a, ulong b)
    {
        switch (op.Kind)
        {
            case DtsTokenKind.OrOr: return (a != 0 || b != 0) ? 1UL : 0;
            case DtsTokenKind.AndAnd: return (a != 0 && b != 0) ? 1UL : 0;
            case DtsTokenKind.Eq: return a == b ? 1UL : 0;
            case DtsTokenKind.Ne: return a != b ? 1UL : 0;
            case DtsTokenKind.Le: return a <= b ? 1UL : 0;
            case DtsTokenKind.Ge: return a >= b ? 1UL : 0;
            // shifts of 64 or more give 0, as dtc defines them
            case DtsTokenKind.LShift: return b < 64 ? a << (int)b : 0;
            case DtsTokenKind.RShift: return b < 64 ? a >> (int)b : 0;
        }
        switch (op.Char)
        {
            case '|': return a | b;
            case '^': return a ^ b;
            case '&': return a & b;
            case '<': return a < b ? 1UL : 0;
            case '>': return a > b ? 1UL : 0;
            case '+': return unchecked(a + b);
            case '-': return unchecked(a - b);
            case '*': return unchecked(a * b);
            case '/':
            case '%':
                if (b == 0)
                {
                    Error(op.Location, "Division by zero");
                    return 0;
                }
                return op.Char == '/' ? a / b : a % b;
        }
        throw new InvalidOperationException("unknown operator");
    }

    // integer_unary: integer_prim | '-' integer_unary | '~' integer_unary | '!' integer_unary
    private ulong ParseUnary(int depth)
    {
        CheckDepth(depth);
        if (_tok.Kind == DtsTokenKind.Char)
        {
            switch (_tok.Char)
            {
                case '-':
                    Advance();
                    return unchecked(0UL - ParseUnary(depth + 1));
                case '~':
                    Advance();
                    return ~ParseUnary(depth + 1);
                case '!':
                    Advance();
                    return ParseUnary(depth + 1) == 0 ? 1UL : 0;
            }
        }
        if (_tok.Is('('))
        {
            Advance();
            var v = ParseTernary(depth + 1);
            Expect(')');
            return v;
        }
        return ParseIntegerPrim();
    }
}
