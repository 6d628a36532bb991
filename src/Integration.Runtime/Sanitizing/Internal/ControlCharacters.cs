using System.Buffers;
using System.Globalization;
using System.Text;

namespace Integration;

/// <summary>
/// Keeps control characters as visible data (<c>\n</c>, <c>\u001B</c>…) so that no stored text can forge a new line
/// or a terminal sequence in an export. Single-line fields escape every control character; multi-line fields
/// (bodies, stack traces) keep CR, LF and TAB; header blocks keep only LF, their line separator.
/// </summary>
internal static class ControlCharacters
{
    private const string Controls =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F\u2028\u2029";

    private static readonly SearchValues<char> SingleLineSet = SearchValues.Create(Controls + "\t\r\n");
    private static readonly SearchValues<char> MultiLineSet = SearchValues.Create(Controls);
    private static readonly SearchValues<char> HeaderSet = SearchValues.Create(Controls + "\t\r");

    public static string EscapeSingleLine(string text) => Escape(text, SingleLineSet);

    public static string EscapeMultiLine(string text) => Escape(text, MultiLineSet);

    public static string EscapeHeaderLines(string text) => Escape(text, HeaderSet);

    private static string Escape(string text, SearchValues<char> escaped)
    {
        var first = text.AsSpan().IndexOfAny(escaped);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!escaped.Contains(c))
            {
                builder.Append(c);
                continue;
            }

            _ = c switch
            {
                '\r' => builder.Append("\\r"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                _ => builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
            };
        }

        return builder.ToString();
    }
}
