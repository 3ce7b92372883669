using System.Globalization;
using System.Text;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>A value from kernel source in double quotes on one line: quotes and backslashes escaped, control characters as C escapes (<c>\n</c>).</summary>
public static class Quoted
{
    public static string Of(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }
}
