namespace ProbeSim.Fuzz.Gen;

/// <summary>Values that sit on edges: extremes of every integer width, empty and huge strings, wrong types.</summary>
public static class Interesting
{
    /// <summary>Integer literals as DTS writes them (cells, expressions, byte strings).</summary>
    public static readonly IReadOnlyList<string> DtsNumbers =
    [
        "0", "1", "-1", "2", "0x0", "0x7f", "0xff", "0x100", "0xffff", "0x10000", "0x7fffffff", "0x80000000", "0xffffffff",
        "0x100000000", "0x7fffffffffffffff", "0x8000000000000000", "0xffffffffffffffff", "0x10000000000000000",
        "4294967295", "4294967296", "18446744073709551615", "18446744073709551616", "99999999999999999999999999999999",
        "0777", "08", "0x", "0b101", "1e3", "1.5", "0xffffffffffffffffffffffffffffffff", "(-1)", "(1 / 0)", "(1 % 0)",
        "(~0 >> 1)", "(1 << 64)", "(1 << 63)", "(1 << -1)", "(0x7fffffffffffffff + 1)", "(-0x8000000000000000 / -1)",
        "'a'", "'\\0'", "'\\xff'", "''", "'ab'", "(1 ? 2 : 3)", "(0 ? 1 :)", "(((1)))",
    ];

    /// <summary>DTS string literals (with their quotes).</summary>
    public static readonly IReadOnlyList<string> DtsStrings =
    [
        "\"\"", "\"\\0\"", "\"\\x\"", "\"\\xzz\"", "\"\\777\"", "\"\\q\"", "\"\u00e9\u4e2d\"", "\"a\\\nb\"", "\"%s%n%x\"",
        "\"okay\"", "\"disabled\"", "\"fail\"", "\"/soc\"", "\"serial0:115200n8\"", "\"\\\"\"", "\"a\\0b\\0\"",
    ];

    /// <summary>Scalars for YAML values: edges, wrong types, special floats, huge and empty.</summary>
    public static readonly IReadOnlyList<string> YamlScalars =
    [
        "", "~", "null", "0", "-0", "1", "-1", "2", "1.5", "-1.5", "1e13", "1e308", "1e309", "-1e308", "5e-324", "1.0e-400",
        ".nan", ".NaN", "NaN", ".inf", "-.inf", "Infinity", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "-9223372036854775809", "0x", "0xZZ", "0x1_0", "0x7fffffff", "0xffffffff", "0x100000000",
        "0o17", "0b101", "true", "false", "True", "FALSE", "yes", "no", "on", "off", "y", "n", "never", "always", "auto",
        "none", "-", "--", ":", "[]", "{}", "'quoted'", "a b", " lead", "trail ", "\u00e9\u4e2d", "\u0000", "%", "@at", "`tick",
        "1_000", "+1", "0.", ".5", "1e", "10ms", "10 s", "8K", "1G", "64T", "-8K", "999999999999K",
    ];

    /// <summary>Integer strings for command-line values.</summary>
    public static readonly IReadOnlyList<string> CliNumbers =
    [
        "0", "1", "2", "3", "-1", "-0", "+1", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "99999999999999999999", "0x10", "1e3", "1.5", "", " ", "abc", "1a", "NaN",
    ];

    public static string Huge(ProbeSim.Fuzz.Core.Rng rng, char c) => new(c, rng.Pick(HugeLengths));

    public static readonly IReadOnlyList<int> HugeLengths = [255, 256, 4096, 4097, 65536, 200_000];
}
