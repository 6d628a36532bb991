using System.Text;
using Microsoft.AspNetCore.Http;

namespace Integration;

/// <summary>
/// A request's or response's headers as <see cref="HeaderLines"/> writes them ("Name: value" lines, CR and LF inside a
/// value written as <c>\r</c> and <c>\n</c>, several values joined by commas, as <see cref="Microsoft.Extensions.Primitives.StringValues"/>
/// joins them).
/// </summary>
internal static class InboundHeaders
{
    /// <summary>The header lines, or null when there is no header.</summary>
    public static string? Format(IHeaderDictionary headers)
    {
        StringBuilder? lines = null;
        foreach (var (name, values) in headers)
        {
            HeaderLines.AppendLine(ref lines, name, values.ToString());
        }

        return lines?.ToString();
    }
}
