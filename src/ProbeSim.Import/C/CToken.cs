namespace ProbeSim.Import.C;

/// <summary>What a C token is.</summary>
public enum CTokenKind : byte { Identifier, Number, String, Char, Punct, Other }

/// <summary>One C token of a source file, with the 1-based line and column it starts at.</summary>
public readonly record struct CToken(CTokenKind Kind, string Text, int Line, int Column)
{
    public bool Is(string text) => Text == text;
    public bool IsIdent => Kind == CTokenKind.Identifier;
    public override string ToString() => Text;
}
