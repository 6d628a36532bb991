using System.Text;

namespace Integration;

/// <summary>JSON: the value of a field named like a secret, whatever it is (a string, a number, an object, an array), becomes <c>"***"</c>.</summary>
internal sealed partial class ExchangeRedactor
{
    /// <summary>Masks the values of JSON fields named like a redacted field, at any depth; an object or array value is masked whole.</summary>
    public string RedactJson(string text)
    {
        StringBuilder? masked = null;
        var copied = 0;
        var i = text.IndexOf('"', StringComparison.Ordinal);
        while (i >= 0 && i < text.Length)
        {
            var close = EndOfString(text, i);
            if (close >= text.Length)
            {
                break;
            }

            var colon = SkipWhitespace(text, close + 1);
            if (colon >= text.Length || text[colon] != ':')
            {
                i = text.IndexOf('"', close + 1);
                continue;
            }

            var value = SkipWhitespace(text, colon + 1);
            if (value >= text.Length)
            {
                break;
            }

            if (!IsRedactedField(text.AsSpan(i + 1, close - i - 1)))
            {
                i = text.IndexOf('"', value);
                continue;
            }

            var end = text[value] switch
            {
                '"' => Math.Min(EndOfString(text, value) + 1, text.Length),
                '{' or '[' => EndOfComposite(text, value),
                _ => EndOfBareValue(text, value),
            };
            if (text.AsSpan(value, end - value).SequenceEqual(_quotedMask))
            {
                i = end < text.Length ? text.IndexOf('"', end) : -1;
                continue;
            }

            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, value - copied).Append(_quotedMask);
            copied = end;
            i = end < text.Length ? text.IndexOf('"', end) : -1;
        }

        return Finish(masked, text, copied);
    }

    private static int EndOfBareValue(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] is not (',' or '}' or ']' or '\r' or '\n' or ' ' or '\t'))
        {
            end++;
        }

        return end;
    }
}
