using System.Text;

namespace ProbeSim.Cli;

/// <summary>
/// Every message is one line (docs/exit-codes.md): a user's value quoted in it (a file name, an option value) may hold
/// a newline, a tab or another control character, which is written as a C escape (<c>\n</c>, <c>\x1b</c>) instead.
/// </summary>
public static class OneLine
{
    public static string Of(string message)
    {
        int i = 0;
        while (i < message.Length && !char.IsControl(message[i])) i++;
        if (i == message.Length) return message;
        var sb = new StringBuilder(message.Length + 8).Append(message, 0, i);
        for (; i < message.Length; i++)
        {
            var c = message[i];
            if (!char.IsControl(c)) { sb.Append(c); continue; }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\x{(int)c:x2}",
            });
        }
        return sb.ToString();
    }
}
