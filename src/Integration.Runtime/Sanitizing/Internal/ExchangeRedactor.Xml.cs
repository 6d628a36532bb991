using System.Text;

namespace Integration;

/// <summary>XML: the content of an element named like a secret (<c>&lt;Password&gt;…&lt;/Password&gt;</c>, any prefix) becomes <c>***</c>; attributes are pairs.</summary>
internal sealed partial class ExchangeRedactor
{
    /// <summary>
    /// Masks the content of elements whose local name is redacted, nested elements and CDATA included, up to the
    /// element's closing tag (or the text's end, for a payload cut short). Attributes (<c>password="…"</c>) are
    /// masked by <see cref="RedactPairs"/>.
    /// </summary>
    public string RedactXml(string text)
    {
        StringBuilder? masked = null;
        var copied = 0;
        for (var open = text.IndexOf('<', StringComparison.Ordinal); open >= 0 && open + 1 < text.Length; open = text.IndexOf('<', open + 1))
        {
            var nameEnd = open + 1;
            while (nameEnd < text.Length && IsXmlNameChar(text[nameEnd]))
            {
                nameEnd++;
            }

            var name = text.AsSpan(open + 1, nameEnd - open - 1);
            var local = name[(name.LastIndexOf(':') + 1)..];
            if (local.IsEmpty || !char.IsLetter(name[0]) || !IsRedactedField(local))
            {
                continue;
            }

            var tagEnd = text.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                break;
            }

            if (text[tagEnd - 1] == '/')
            {
                continue;
            }

            var content = tagEnd + 1;
            var end = ClosingTag(text, content, name);
            var value = text.AsSpan(content, end - content);
            if (value.IsEmpty || value.SequenceEqual(_mask))
            {
                continue;
            }

            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, content - copied).Append(_mask);
            copied = end;
            open = end - 1;
        }

        return Finish(masked, text, copied);
    }

    /// <summary>The index of <c>&lt;/name</c> after <paramref name="from"/> (ignoring case), or the text's length.</summary>
    private static int ClosingTag(string text, int from, ReadOnlySpan<char> name)
    {
        for (var close = text.IndexOf("</", from, StringComparison.Ordinal); close >= 0; close = text.IndexOf("</", close + 2, StringComparison.Ordinal))
        {
            var after = close + 2 + name.Length;
            if (after <= text.Length && text.AsSpan(close + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (after == text.Length || !IsXmlNameChar(text[after])))
            {
                return close;
            }
        }

        return text.Length;
    }

    private static bool IsXmlNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':';
}
