using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Integration;

/// <summary>
/// A request's or response's headers as <see cref="HeaderLines"/> writes them ("Name: value" lines, CR and LF inside a
/// value written as <c>\r</c> and <c>\n</c>, several values joined by commas), built in one pooled buffer: every
/// recorded call formats two header blocks, and this spares them a builder growing char by char.
/// </summary>
internal static class InboundHeaders
{
    /// <summary>The header lines, or null when there is no header.</summary>
    public static string? Format(IHeaderDictionary headers)
    {
        char[]? buffer = null;
        var length = 0;
        try
        {
            foreach (var (name, values) in headers)
            {
                var value = values.ToString();
                var separator = length > 0 ? 1 : 0;
                var needed = length + separator + name.Length + 2 + (2 * value.Length);
                if (buffer is null || needed > buffer.Length)
                {
                    var grown = ArrayPool<char>.Shared.Rent(Math.Max(needed, 512));
                    if (buffer is not null)
                    {
                        buffer.AsSpan(0, length).CopyTo(grown);
                        ArrayPool<char>.Shared.Return(buffer);
                    }

                    buffer = grown;
                }

                if (separator > 0)
                {
                    buffer[length++] = '\n';
                }

                length += Write(buffer.AsSpan(length), name, value);
            }

            return buffer is null ? null : new string(buffer, 0, length);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }
    }

    private static int Write(Span<char> destination, string name, string value)
    {
        name.CopyTo(destination);
        var written = name.Length;
        destination[written++] = ':';
        destination[written++] = ' ';
        var rest = value.AsSpan();
        for (var found = rest.IndexOfAny('\r', '\n'); found >= 0; found = rest.IndexOfAny('\r', '\n'))
        {
            rest[..found].CopyTo(destination[written..]);
            written += found;
            destination[written++] = '\\';
            destination[written++] = rest[found] == '\r' ? 'r' : 'n';
            rest = rest[(found + 1)..];
        }

        rest.CopyTo(destination[written..]);
        return written + rest.Length;
    }
}
