using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source;

/// <summary>The token kinds of dtc's lexer (dtc-lexer.l).</summary>
internal enum DtsTokenKind
{
    End,
    V1,            // /dts-v1/
    Plugin,        // /plugin/
    MemReserve,    // /memreserve/
    Bits,          // /bits/
    DeleteProperty,
    DeleteNode,
    OmitIfNoRef,
    Incbin,
    Label,         // name:            (Text = name)
    LabelRef,      // &name            (Text = name)
    PathRef,       // &{/path}         (Text = /path)
    PropNodeName,  // property or node name (Text)
    Literal,       // integer literal  (Value)
    CharLiteral,   // 'c'              (Value)
    String,        // "..."            (Bytes, escapes applied, NUL added)
    Byte,          // two hex digits inside [ ]
    LShift, RShift, Le, Ge, Eq, Ne, AndAnd, OrOr,
    Char,          // any other single character (Char)
}

internal readonly record struct DtsToken(DtsTokenKind Kind, SourceLocation Location, string? Text = null, ulong Value = 0, byte[]? Bytes = null, char Char = '\0')
{
    public bool Is(char c) => Kind == DtsTokenKind.Char && Char == c;

    public string Describe() => Kind switch
    {
        DtsTokenKind.End => "end of input",
        DtsTokenKind.Char => $"'{Char}'",
        DtsTokenKind.Label => $"label '{Text}:'",
        DtsTokenKind.LabelRef => $"reference '&{Text}'",
        DtsTokenKind.PathRef => $"reference '&{{{Text}}}'",
        DtsTokenKind.PropNodeName => $"name '{Text}'",
        DtsTokenKind.Literal => $"number {Value}",
        DtsTokenKind.CharLiteral => "character literal",
        DtsTokenKind.String => "string",
        DtsTokenKind.Byte => "byte",
        DtsTokenKind.V1 => "'/dts-v1/'",
        DtsTokenKind.Plugin => "'/plugin/'",
        DtsTokenKind.MemReserve => "'/memreserve/'",
        DtsTokenKind.Bits => "'/bits/'",
        DtsTokenKind.DeleteProperty => "'/delete-property/'",
        DtsTokenKind.DeleteNode => "'/delete-node/'",
        DtsTokenKind.OmitIfNoRef => "'/omit-if-no-ref/'",
        DtsTokenKind.Incbin => "'/incbin/'",
        DtsTokenKind.LShift => "'<<'",
        DtsTokenKind.RShift => "'>>'",
        DtsTokenKind.Le => "'<='",
        DtsTokenKind.Ge => "'>='",
        DtsTokenKind.Eq => "'=='",
        DtsTokenKind.Ne => "'!='",
        DtsTokenKind.AndAnd => "'&&'",
        DtsTokenKind.OrOr => "'||'",
        _ => Kind.ToString(),
    };
}
