using System.Collections.Frozen;
using System.Text;

namespace Integration;

/// <summary>
/// Masks secrets in the text of a log line: JSON fields, query and form values, and the values of headers that are
/// not allow-listed. It scans rather than parses, so cut or malformed payloads are masked too (a string value cut
/// short is masked to its end). Text holding nothing to mask is returned as is, without allocating.
/// </summary>
internal sealed class ExchangeRedactor
{
    private const int MaxKeyLength = 128;
    private readonly string[] _fieldSuffixes;
    private readonly FrozenSet<string> _queryKeys;
    private readonly FrozenSet<string> _allowedHeaders;
    private readonly string _mask;
    private readonly string _quotedMask;

    public ExchangeRedactor(ExchangeCaptureOptions options)
    {
        _fieldSuffixes = [.. options.RedactedFields.Select(Normalize).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
        _queryKeys = options.RedactedQueryKeys.Select(Normalize).ToFrozenSet(StringComparer.Ordinal);
        _allowedHeaders = options.AllowedHeaders.Select(h => h.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _mask = options.Mask;
        _quotedMask = $"\"{options.Mask}\"";
    }

    /// <summary>Masks the values of JSON fields named like a redacted field, at any depth.</summary>
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

            if (text[value] is '{' or '[' || !IsRedactedField(text.AsSpan(i + 1, close - i - 1)))
            {
                i = text.IndexOf('"', value);
                continue;
            }

            var end = text[value] == '"' ? Math.Min(EndOfString(text, value) + 1, text.Length) : EndOfBareValue(text, value);
            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, value - copied).Append(_quotedMask);
            copied = end;
            i = end < text.Length ? text.IndexOf('"', end) : -1;
        }

        return Finish(masked, text, copied);
    }

    /// <summary>Masks the values of <c>key=value</c> pairs (a URL's query, a form body) whose key is redacted.</summary>
    public string RedactPairs(string text)
    {
        StringBuilder? masked = null;
        var copied = 0;
        for (var equals = text.IndexOf('=', StringComparison.Ordinal); equals >= 0; equals = equals + 1 < text.Length ? text.IndexOf('=', equals + 1) : -1)
        {
            var start = equals;
            while (start > 0 && IsKeyChar(text[start - 1]))
            {
                start--;
            }

            if (start == equals || (start > 0 && !IsPairSeparator(text[start - 1])))
            {
                continue;
            }

            var end = equals + 1;
            while (end < text.Length && !IsPairEnd(text[end]))
            {
                end++;
            }

            var key = text.AsSpan(start, equals - start);
            if (end == equals + 1 || !(IsRedactedField(key) || IsRedactedQueryKey(key)) || text.AsSpan(equals + 1, end - equals - 1).SequenceEqual(_mask))
            {
                continue;
            }

            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, equals + 1 - copied).Append(_mask);
            copied = end;
        }

        return Finish(masked, text, copied);
    }

    /// <summary>Masks the value of every "Name: value" line whose header is not allow-listed.</summary>
    public string RedactHeaders(string lines)
    {
        StringBuilder? masked = null;
        var copied = 0;
        for (var start = 0; start < lines.Length;)
        {
            var newline = lines.IndexOf('\n', start);
            var end = newline < 0 ? lines.Length : newline;
            var colon = lines.IndexOf(':', start, end - start);
            if (colon > start)
            {
                var name = lines.AsSpan(start, colon - start).Trim();
                var value = lines.AsSpan(colon + 1, end - colon - 1).Trim();
                if (!value.IsEmpty && !value.SequenceEqual(_mask) && !IsAllowedHeader(name))
                {
                    masked ??= new StringBuilder(lines.Length);
                    masked.Append(lines, copied, colon + 1 - copied).Append(' ').Append(_mask);
                    copied = end;
                }
            }

            start = end + 1;
        }

        return Finish(masked, lines, copied);
    }

    /// <summary>Gets a value indicating whether a header's value may be recorded.</summary>
    public bool IsAllowedHeader(ReadOnlySpan<char> name)
        => _allowedHeaders.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    private bool IsRedactedField(ReadOnlySpan<char> key)
    {
        Span<char> buffer = stackalloc char[MaxKeyLength];
        if (Normalize(key, buffer) is not { } length)
        {
            return false;
        }

        var normalized = buffer[..length];
        foreach (var suffix in _fieldSuffixes)
        {
            if (normalized.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsRedactedQueryKey(ReadOnlySpan<char> key)
    {
        Span<char> buffer = stackalloc char[MaxKeyLength];
        return Normalize(key, buffer) is { } length && _queryKeys.GetAlternateLookup<ReadOnlySpan<char>>().Contains(buffer[..length]);
    }

    private static int? Normalize(ReadOnlySpan<char> key, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in key)
        {
            if (c is '_' or '-')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return null;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return length;
    }

    private static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[MaxKeyLength];
        return Normalize(name.AsSpan(), buffer) is { } length ? new string(buffer[..length]) : string.Empty;
    }

    /// <summary>The index of the quote closing the string opened at <paramref name="open"/>, or the text's length.</summary>
    private static int EndOfString(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return text.Length;
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

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t' or '\r' or '\n')
        {
            index++;
        }

        return index;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '[' or ']';

    private static bool IsPairSeparator(char c) => c is '?' or '&' or ';' or ' ' or '\t' or '\r' or '\n' or '"' or '\'' or '(' or ',';

    private static bool IsPairEnd(char c) => c is '&' or '#' or ';' or ' ' or '\t' or '\r' or '\n' or '"' or '\'' or ')' or ',';

    private static string Finish(StringBuilder? masked, string text, int copied)
        => masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
}
