using System.Buffers;
using System.Text;

namespace Integration;

/// <summary>
/// Pairs: <c>name=value</c> (query strings, fragments, forms, XML attributes, free text) and <c>name: value</c> (free
/// text, YAML, JSON escaped inside a string), the name glued to anything before it, quoted or not, the value quoted
/// (up to its closing quote), an object or array (up to its end), or bare (up to the next separator).
/// </summary>
internal sealed partial class ExchangeRedactor
{
    private static readonly SearchValues<char> Separators = SearchValues.Create(":=");

    /// <summary>
    /// Masks the value of every pair whose name is a redacted field (or, with '=', a redacted query key):
    /// <c>?api_key=***</c>, <c>#access_token=***</c>, <c>password="***"</c>, <c>auth:token=***</c>,
    /// <c>Authorization: ***</c> (a scheme and its credentials together).
    /// </summary>
    public string RedactPairs(string text)
    {
        StringBuilder? masked = null;
        var copied = 0;
        for (var separator = text.AsSpan().IndexOfAny(Separators); separator >= 0;)
        {
            var next = separator + 1;
            if (Pair(text, separator) is var (start, end) && end > start && !text.AsSpan(start, end - start).SequenceEqual(_mask))
            {
                masked ??= new StringBuilder(text.Length);
                masked.Append(text, copied, start - copied).Append(_mask);
                copied = end;
                next = Math.Max(end, next);
            }

            if (next >= text.Length)
            {
                break;
            }

            var found = text.AsSpan(next).IndexOfAny(Separators);
            separator = found < 0 ? -1 : next + found;
        }

        return Finish(masked, text, copied);
    }

    /// <summary>The value to mask of the pair around the separator at <paramref name="separator"/>, or null when its name is not redacted.</summary>
    private (int Start, int End)? Pair(string text, int separator)
    {
        var keyEnd = separator;
        while (keyEnd > 0 && text[keyEnd - 1] is ' ' or '\t')
        {
            keyEnd--;
        }

        for (var quotes = 0; quotes < 2 && keyEnd > 0 && text[keyEnd - 1] is '"' or '\'' or '\\'; quotes++)
        {
            keyEnd--;
        }

        var keyStart = keyEnd;
        while (keyStart > 0 && IsKeyChar(text[keyStart - 1]))
        {
            keyStart--;
        }

        var key = text.AsSpan(keyStart, keyEnd - keyStart);
        if (key.IsEmpty || !(IsRedactedField(key) || (text[separator] == '=' && IsRedactedQueryKey(key))))
        {
            return null;
        }

        var value = separator + 1;
        while (value < text.Length && text[value] is ' ' or '\t')
        {
            value++;
        }

        if (value >= text.Length)
        {
            return null;
        }

        if (text[value] == '\\' && value + 1 < text.Length && text[value + 1] is '"' or '\'')
        {
            // A value quoted inside a string: \"…\" ends at the next escaped quote.
            var close = text.IndexOf(text.AsSpan(value, 2).ToString(), value + 2, StringComparison.Ordinal);
            return (value + 2, close < 0 ? text.Length : close);
        }

        return text[value] switch
        {
            '"' or '\'' => (value + 1, EndOfString(text, value)),
            '{' or '[' => (value, EndOfComposite(text, value)),
            _ => (value, EndOfBareValue(text, value, text[separator])),
        };
    }

    /// <summary>A bare value ends at a separator; a scheme (<c>Bearer</c>, <c>Basic</c>…) is masked with the credentials after it.</summary>
    private static int EndOfBareValue(string text, int start, char separator)
    {
        var end = start;
        while (end < text.Length && !IsPairEnd(text[end], separator))
        {
            end++;
        }

        if (end < text.Length && text[end] is ' ' or '\t' && IsScheme(text.AsSpan(start, end - start)))
        {
            var credentials = end;
            while (credentials < text.Length && text[credentials] is ' ' or '\t')
            {
                credentials++;
            }

            end = credentials;
            while (end < text.Length && !IsPairEnd(text[end], separator))
            {
                end++;
            }
        }

        return end;
    }

    private static bool IsScheme(ReadOnlySpan<char> word)
    {
        foreach (var scheme in SchemeNames)
        {
            if (word.Equals(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKeyChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '[' or ']' or '$';

    private static bool IsPairEnd(char c, char separator)
        => c is '&' or '#' or ';' or ' ' or '\t' or '\r' or '\n' or '"' or '\'' or ')' or ',' or '<' or '>' or '}' or ']' or '\\'
        || (separator == ':' && c is '|');
}
