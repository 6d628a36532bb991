using System.Globalization;
using System.Text;

namespace Integration;

/// <summary>
/// Makes log text safe to export: characters XML and UTF-8 cannot hold are replaced visibly, over-long text is cut
/// with a marker, and text a spreadsheet would read as a formula is recognised. Shared (as a linked source file) by
/// the CSV, JSON and Excel exporters.
/// </summary>
internal static class ExportText
{
    /// <summary>The most characters an Excel cell holds.</summary>
    public const int ExcelCellLimit = 32_767;

    private const char Replacement = '\uFFFD';

    /// <summary>
    /// Replaces control characters other than tab, CR and LF with their visible Control Pictures (NUL becomes ␀),
    /// lone surrogates and the non-characters U+FFFE and U+FFFF with U+FFFD. Returns the same string when nothing is replaced.
    /// </summary>
    public static string Clean(string text)
    {
        var first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(Safe(c));
            }
        }

        return clean.ToString();
    }

    /// <summary>Cuts text longer than <paramref name="max"/> characters, ending it with a marker that gives the original length.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var marker = string.Create(CultureInfo.InvariantCulture, $"… [cut: {text.Length} characters in all]");
        var keep = max - marker.Length;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, Math.Max(keep, 0)), marker);
    }

    /// <summary>Gets a value indicating whether a spreadsheet could read the text as a formula: it starts with =, +, -, @, tab or CR.</summary>
    public static bool IsFormulaLike(string text)
        => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (Safe(c) != c)
            {
                return i;
            }
        }

        return -1;
    }

    private static char Safe(char c) => c switch
    {
        '\t' or '\n' or '\r' => c,
        < ' ' => (char)(0x2400 + c),
        '\uFFFE' or '\uFFFF' => Replacement,
        _ when char.IsSurrogate(c) => Replacement,
        _ => c,
    };
}
