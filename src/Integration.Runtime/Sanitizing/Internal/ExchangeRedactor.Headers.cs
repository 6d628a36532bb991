using System.Text;

namespace Integration;

/// <summary>Headers: a header not allow-listed keeps its name and loses its value; an allowed one is masked like free text (a <c>Location</c> carrying <c>?code=</c>).</summary>
internal sealed partial class ExchangeRedactor
{
    /// <summary>
    /// Masks the value of every "Name: value" line whose header is not allow-listed, and the secrets inside the
    /// values of allowed ones.
    /// </summary>
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
                var raw = lines.AsSpan(colon + 1, end - colon - 1);
                var value = raw.Trim();
                if (!value.IsEmpty && !value.SequenceEqual(_mask))
                {
                    if (!IsAllowedHeader(name))
                    {
                        masked ??= new StringBuilder(lines.Length);
                        masked.Append(lines, copied, colon + 1 - copied).Append(' ').Append(_mask);
                        copied = end;
                    }
                    else if (MayHoldSecret(value) && Redact(value.ToString()) is var redacted && !value.SequenceEqual(redacted))
                    {
                        var valueStart = colon + 1 + raw.Length - raw.TrimStart().Length;
                        masked ??= new StringBuilder(lines.Length);
                        masked.Append(lines, copied, valueStart - copied).Append(redacted);
                        copied = valueStart + value.Length;
                    }
                }
            }

            start = end + 1;
        }

        return Finish(masked, lines, copied);
    }

    /// <summary>Gets a value indicating whether a header's value may be recorded (its secrets masked).</summary>
    public bool IsAllowedHeader(ReadOnlySpan<char> name)
        => _allowedHeaders.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
}
