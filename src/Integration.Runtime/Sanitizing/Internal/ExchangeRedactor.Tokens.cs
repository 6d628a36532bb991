using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Integration;

/// <summary>Secrets known by their shape, wherever they stand: URL user info, an authorization scheme's credentials, JWTs, and the host's patterns.</summary>
internal sealed partial class ExchangeRedactor
{
    /// <summary>The authorization schemes whose credentials follow them: <c>Bearer ***</c>.</summary>
    private static readonly string[] SchemeNames = ["bearer", "basic", "digest", "negotiate", "ntlm"];

    private static readonly SearchValues<string> SchemeWords = SearchValues.Create(SchemeNames, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<char> AuthorityEnds = SearchValues.Create("/?#\\ \t\r\n\"'<>`{}|^");

    /// <summary>Credentials this short after a scheme word are taken for prose ("basic plan"), not a secret.</summary>
    private const int MinCredentialLength = 8;

    /// <summary>Masks the user info of every URL: <c>https://***@host/</c>.</summary>
    public string RedactUserInfo(string text)
    {
        StringBuilder? masked = null;
        var copied = 0;
        for (var scheme = text.IndexOf("://", StringComparison.Ordinal); scheme >= 0; scheme = text.IndexOf("://", scheme + 3, StringComparison.Ordinal))
        {
            var start = scheme + 3;
            var length = text.AsSpan(start).IndexOfAny(AuthorityEnds);
            var authority = length < 0 ? text.AsSpan(start) : text.AsSpan(start, length);
            var at = authority.LastIndexOf('@');
            if (at <= 0 || authority[..at].SequenceEqual(_mask))
            {
                continue;
            }

            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, start - copied).Append(_mask);
            copied = start + at;
        }

        return Finish(masked, text, copied);
    }

    /// <summary>Masks the credentials that follow an authorization scheme anywhere in text: <c>Bearer ***</c>, <c>Basic ***</c>.</summary>
    public string RedactCredentials(string text)
    {
        StringBuilder? masked = null;
        var copied = 0;
        for (var from = 0; from < text.Length;)
        {
            var found = text.AsSpan(from).IndexOfAny(SchemeWords);
            if (found < 0)
            {
                break;
            }

            var word = from + found;
            var wordEnd = word;
            while (wordEnd < text.Length && char.IsAsciiLetter(text[wordEnd]))
            {
                wordEnd++;
            }

            from = wordEnd;
            if ((word > 0 && char.IsLetterOrDigit(text[word - 1])) || !IsScheme(text.AsSpan(word, wordEnd - word)))
            {
                continue;
            }

            var start = wordEnd;
            while (start < text.Length && text[start] is ' ' or '\t')
            {
                start++;
            }

            var end = start;
            while (end < text.Length && IsCredentialChar(text[end]))
            {
                end++;
            }

            if (start == wordEnd || end - start < MinCredentialLength)
            {
                continue;
            }

            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, start - copied).Append(_mask);
            copied = end;
            from = end;
        }

        return Finish(masked, text, copied);
    }

    /// <summary>Masks every JWT (<c>eyJ…</c>, two or three base64url segments) whole.</summary>
    public string RedactJwts(string text)
    {
        StringBuilder? masked = null;
        var copied = 0;
        for (var start = text.IndexOf("eyJ", StringComparison.Ordinal); start >= 0; start = start < text.Length ? text.IndexOf("eyJ", start, StringComparison.Ordinal) : -1)
        {
            var end = Segment(text, start);
            var header = end - start;
            if (header < 10 || end >= text.Length || text[end] != '.' || Segment(text, end + 1) - end - 1 < 2)
            {
                start = Math.Max(end, start + 3);
                continue;
            }

            end = Segment(text, end + 1);
            if (end < text.Length && text[end] == '.')
            {
                end = Segment(text, end + 1);
            }

            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, start - copied).Append(_mask);
            copied = end;
            start = end;
        }

        return Finish(masked, text, copied);
    }

    /// <summary>Masks what a host's pattern matches: its <c>secret</c> group when it has one, else the whole match.</summary>
    private string RedactPattern(string text, Regex pattern)
    {
        var secret = pattern.GroupNumberFromName(RedactionPatterns.SecretGroup);
        return pattern.Replace(text, match =>
        {
            var group = secret >= 0 ? match.Groups[secret] : match;
            if (!group.Success || group.Length == 0)
            {
                return match.Value;
            }

            return string.Concat(match.Value.AsSpan(0, group.Index - match.Index), _mask, match.Value.AsSpan(group.Index - match.Index + group.Length));
        });
    }

    private static int Segment(string text, int start)
    {
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_'))
        {
            end++;
        }

        return end;
    }

    /// <summary>The characters of an RFC 7235 token68 (base64, base64url, hex) and of the usual API tokens.</summary>
    private static bool IsCredentialChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/' or '=' or ':';
}
