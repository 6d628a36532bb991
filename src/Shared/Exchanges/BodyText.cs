using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Integration;

/// <summary>
/// Turns the first bytes of a body into the text a log line keeps: UTF-8 text, cut with a marker giving the original
/// length; or, for a binary or non-UTF-8 body, a short description with its content type and length, never garbage.
/// </summary>
internal static class BodyText
{
    /// <summary>Room kept for the truncation marker, so a cut body stays within the runtime's payload cap.</summary>
    public const int MarkerRoom = 96;

    private static readonly string[] StreamedTypes = ["text/event-stream", "application/x-ndjson", "application/grpc", "multipart/"];

    /// <summary>How many bytes of a body to read for a payload cap of <paramref name="maxPayloadLength"/> characters.</summary>
    public static int BytesToRead(int maxPayloadLength) => Math.Max(0, maxPayloadLength - MarkerRoom);

    /// <summary>Gets a value indicating whether the media type names a body that is read as a stream of messages, not captured.</summary>
    public static bool IsStreamed(string? mediaType)
        => mediaType is not null && StreamedTypes.Any(t => mediaType.StartsWith(t, StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets a value indicating whether the media type is text the log can show; an absent type is checked from the bytes.</summary>
    public static bool IsText(string? mediaType)
    {
        if (mediaType is null)
        {
            return true;
        }

        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("javascript", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/graphql", StringComparison.OrdinalIgnoreCase);
    }

    public static string Describe(string what, string? mediaType, long? length)
        => string.Create(CultureInfo.InvariantCulture, $"[{what}: {mediaType ?? "no content type"}, {(length is { } l ? $"{l} bytes" : "length unknown")}]");

    /// <summary>The text of a body's first bytes.</summary>
    /// <param name="head">The bytes read, at most <paramref name="limit"/> of which are kept.</param>
    /// <param name="limit">How many bytes may be kept.</param>
    /// <param name="totalLength">The body's whole length, when known.</param>
    /// <param name="more">Whether bytes were left after <paramref name="head"/>.</param>
    /// <param name="mediaType">The body's media type.</param>
    public static string FromBytes(ReadOnlySpan<byte> head, int limit, long? totalLength, bool more, string? mediaType)
    {
        var truncated = more || head.Length > limit;
        var kept = head[..Math.Min(head.Length, limit)];
        if (kept.Contains((byte)0))
        {
            return Describe("binary body", mediaType, totalLength ?? (truncated ? null : head.Length));
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, kept.Length));
        try
        {
            var status = Utf8.ToUtf16(kept, chars, out _, out var written, replaceInvalidSequences: false, isFinalBlock: !truncated);
            if (status is not (OperationStatus.Done or OperationStatus.NeedMoreData))
            {
                return Describe("body not recorded, not UTF-8 text", mediaType, totalLength ?? (truncated ? null : head.Length));
            }

            var text = new string(chars, 0, written);
            if (!truncated)
            {
                return text;
            }

            var original = totalLength is { } total ? total.ToString(CultureInfo.InvariantCulture) : "more than " + kept.Length.ToString(CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"[truncated: first {kept.Length} of {original} bytes] {text}");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length from a stream; stops early only at its end.</summary>
    public static async ValueTask<int> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
