using System.Text;

namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>An enumeration value as the driver-set format and the reports write it: lower kebab case (<c>EntryUnread</c> → <c>entry-unread</c>).</summary>
public static class EnumWords
{
    public static string Kebab<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]))) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
