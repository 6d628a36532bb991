using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace Integration;

/// <summary>
/// Masks secrets in the text of a log line: JSON fields (a nested object or array whole), XML elements and
/// attributes, <c>name=value</c> and <c>name: value</c> pairs (query strings, fragments, forms, free text), URL user
/// info, bearer and basic credentials, JWTs, the host's own patterns, and the values of headers that are not
/// allow-listed. It scans rather than parses, so cut or malformed payloads are masked too (a value cut short is
/// masked to its end), and every scan is linear in the text. Text holding nothing to mask is returned as is, without
/// allocating. Every line of every path (connector, HTTP handler, ASP.NET Core filter, ILogger bridge) goes through
/// <see cref="LogLineSanitizer"/>, which calls this: the one redaction point.
/// </summary>
internal sealed partial class ExchangeRedactor
{
    private const int StackKeyLength = 256;

    private readonly SearchValues<string>? _fieldNames;
    private readonly FrozenSet<string> _queryKeys;
    private readonly FrozenSet<string> _allowedHeaders;
    private readonly Regex[] _patterns;
    private readonly string _mask;
    private readonly string _quotedMask;

    public ExchangeRedactor(ExchangeCaptureOptions options)
    {
        var fields = options.RedactedFields.Select(Normalize).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        _fieldNames = fields.Length > 0 ? SearchValues.Create(fields, StringComparison.Ordinal) : null;
        _queryKeys = options.RedactedQueryKeys.Select(Normalize).Where(n => n.Length > 0).ToFrozenSet(StringComparer.Ordinal);
        _allowedHeaders = options.AllowedHeaders.Select(h => h.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _patterns = [.. options.RedactedPatterns.Select(RedactionPatterns.Compile)];
        _mask = options.Mask;
        _quotedMask = $"\"{options.Mask}\"";
    }

    /// <summary>
    /// Masks every secret this redactor knows in free text (a message, a body, a URL, a header value): JSON, XML,
    /// pairs, URL user info, credentials, JWTs, then the host's patterns. Text with none of the characters and words
    /// they start from (<see cref="RedactionTriggers"/>) is returned at once.
    /// </summary>
    public string Redact(string text)
    {
        if (!MayHoldSecret(text))
        {
            return text;
        }

        if (text.Contains('"', StringComparison.Ordinal))
        {
            text = RedactJson(text);
        }

        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = RedactXml(text);
        }

        text = RedactPairs(text);
        text = RedactUserInfo(text);
        text = RedactCredentials(text);
        text = RedactJwts(text);
        foreach (var pattern in _patterns)
        {
            text = RedactPattern(text, pattern);
        }

        return text;
    }

    /// <summary>Gets a value indicating whether <see cref="Redact"/> may change the text: false only when it returns the text as is.</summary>
    private bool MayHoldSecret(ReadOnlySpan<char> text) => _patterns.Length > 0 || RedactionTriggers.Any(text);

    /// <summary>Gets a value indicating whether a field, element or attribute of this name holds a secret: its name contains a redacted field's.</summary>
    private bool IsRedactedField(ReadOnlySpan<char> key)
    {
        if (_fieldNames is null)
        {
            return false;
        }

        char[]? rented = null;
        Span<char> buffer = key.Length <= StackKeyLength ? stackalloc char[StackKeyLength] : (rented = ArrayPool<char>.Shared.Rent(key.Length));
        var found = buffer[..Normalize(key, buffer)].IndexOfAny(_fieldNames) >= 0;
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return found;
    }

    /// <summary>Gets a value indicating whether a query or form key is one of the redacted query keys (whole name).</summary>
    private bool IsRedactedQueryKey(ReadOnlySpan<char> key)
    {
        if (key.Length > StackKeyLength)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[StackKeyLength];
        return _queryKeys.GetAlternateLookup<ReadOnlySpan<char>>().Contains(buffer[..Normalize(key, buffer)]);
    }

    /// <summary>Lower-cases the name into <paramref name="buffer"/>, leaving out everything but letters and digits.</summary>
    private static int Normalize(ReadOnlySpan<char> key, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return length;
    }

    private static string Normalize(string name)
    {
        var buffer = new char[name.Length];
        return new string(buffer, 0, Normalize(name, buffer));
    }

    /// <summary>The index of the quote closing the string opened at <paramref name="open"/> (a backslash escapes), or the text's length.</summary>
    private static int EndOfString(string text, int open)
    {
        var quote = text[open];
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>The index just past the object or array opened at <paramref name="open"/> (strings skipped), or the text's length.</summary>
    private static int EndOfComposite(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    i = EndOfString(text, i);
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return text.Length;
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t' or '\r' or '\n')
        {
            index++;
        }

        return index;
    }

    private static string Finish(StringBuilder? masked, string text, int copied)
        => masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
}
