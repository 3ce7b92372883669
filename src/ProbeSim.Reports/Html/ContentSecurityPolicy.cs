using System.Security.Cryptography;
using System.Text;

namespace ProbeSim.Reports.Html;

/// <summary>
/// The report's Content-Security-Policy: nothing may be fetched from anywhere (<c>default-src 'none'</c>), only the
/// report's own inline scripts run (each allowed by its SHA-256), inline styles and <c>data:</c> images are allowed.
/// The browser then enforces that the file needs no network when it is viewed.
/// </summary>
public static class ContentSecurityPolicy
{
    public static string For(IEnumerable<string> inlineScripts)
    {
        ArgumentNullException.ThrowIfNull(inlineScripts);
        var hashes = string.Join(" ", inlineScripts.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'"));
        return $"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
    }
}
