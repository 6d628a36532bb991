using System.Text;

namespace Integration;

/// <summary>
/// Formats headers as one "Name: value" line each. A CR or LF inside a value is written as <c>\r</c> or <c>\n</c>,
/// so a value can never start a line of its own; the runtime then masks the values of headers not allow-listed.
/// </summary>
internal static class HeaderLines
{
    public static string? Format(IEnumerable<KeyValuePair<string, IEnumerable<string>>>? first, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? second = null)
    {
        StringBuilder? lines = null;
        Append(ref lines, first);
        Append(ref lines, second);
        return lines?.ToString();
    }

    public static void AppendLine(ref StringBuilder? lines, string name, string value)
    {
        lines = lines is null ? new StringBuilder() : lines.Append('\n');
        lines.Append(name).Append(": ");

        // The runs between line breaks are appended whole: most values have none, and a header block is formatted for
        // every recorded call.
        var rest = value.AsSpan();
        for (var found = rest.IndexOfAny('\r', '\n'); found >= 0; found = rest.IndexOfAny('\r', '\n'))
        {
            lines.Append(rest[..found]).Append(rest[found] == '\r' ? "\\r" : "\\n");
            rest = rest[(found + 1)..];
        }

        lines.Append(rest);
    }

    private static void Append(ref StringBuilder? lines, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers)
    {
        if (headers is null)
        {
            return;
        }

        foreach (var (name, values) in headers)
        {
            AppendLine(ref lines, name, string.Join(", ", values));
        }
    }
}
