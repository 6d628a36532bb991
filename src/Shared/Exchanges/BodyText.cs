using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Integration;

/// <summary>
/// Turns the first bytes of a body into the text a log line keeps: UTF-8 text, cut with a marker giving the original
/// length; or, for a binary or non-UTF-8 body, a short description with its content type and length, never garbage.
/// docs/exchanges.md ("What a body becomes") states the rule.
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

    /// <summary>
    /// The text of a body's first bytes. A body is text when its media type says so (or it has none and holds no NUL
    /// byte) and its bytes are UTF-8, up to one invalid byte in a hundred (<see cref="InvalidBytesTolerated"/>), each
    /// invalid sequence then shown as U+FFFD. Control characters, NUL included, are kept: the runtime escapes them
    /// before the store. Anything else is described, never stored as garbage.
    /// </summary>
    /// <param name="head">The bytes read, at most <paramref name="limit"/> of which are kept.</param>
    /// <param name="limit">How many bytes may be kept.</param>
    /// <param name="totalLength">The body's whole length, when known.</param>
    /// <param name="more">Whether bytes were left after <paramref name="head"/>.</param>
    /// <param name="mediaType">The body's media type.</param>
    public static string FromBytes(ReadOnlySpan<byte> head, int limit, long? totalLength, bool more, string? mediaType)
    {
        var truncated = more || head.Length > limit;
        var kept = head[..Math.Min(head.Length, limit)];
        if (TextOf(kept, isFinalBlock: !truncated, mediaType, out var notText) is not { } text)
        {
            return Describe(notText, mediaType, totalLength ?? (truncated ? null : head.Length));
        }

        if (!truncated)
        {
            return text;
        }

        var original = totalLength is { } total ? total.ToString(CultureInfo.InvariantCulture) : "more than " + kept.Length.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"[truncated: first {kept.Length} of {original} bytes] {text}");
    }

    /// <summary>
    /// The body of a response (or request) cut short: a marker saying after how many bytes, then the text of what was
    /// captured (or its description), so support sees both that the body is incomplete and what came.
    /// </summary>
    /// <param name="head">The bytes captured, at most <paramref name="limit"/> of which are kept; empty when the body was not captured.</param>
    /// <param name="limit">How many bytes may be kept.</param>
    /// <param name="received">How many bytes came before the body was cut.</param>
    /// <param name="totalLength">The length the body announced, when it did.</param>
    /// <param name="mediaType">The body's media type.</param>
    public static string Aborted(ReadOnlySpan<byte> head, int limit, long received, long? totalLength, string? mediaType)
    {
        var kept = head[..Math.Min(head.Length, limit)];
        var of = totalLength is { } total ? " of " + total.ToString(CultureInfo.InvariantCulture) : string.Empty;
        if (!IsText(mediaType) || kept.IsEmpty)
        {
            var bare = string.Create(CultureInfo.InvariantCulture, $"[aborted after {received}{of} bytes]");
            return IsText(mediaType) ? bare : $"{bare} {Describe("binary body", mediaType, totalLength)}";
        }

        var shown = kept.Length < received ? $"; first {kept.Length} shown" : string.Empty;
        var marker = string.Create(CultureInfo.InvariantCulture, $"[aborted after {received}{of} bytes{shown}]");

        // A character cut in two by the abort is left out, not counted as invalid.
        return TextOf(kept, isFinalBlock: false, mediaType, out var notText) is { } text
            ? $"{marker} {text}"
            : $"{marker} {Describe(notText, mediaType, totalLength)}";
    }

    /// <summary>The text of bytes that are text, or null with what they are instead.</summary>
    private static string? TextOf(ReadOnlySpan<byte> kept, bool isFinalBlock, string? mediaType, out string notText)
    {
        notText = "binary body";
        if (mediaType is null && kept.Contains((byte)0))
        {
            return null;
        }

        notText = "body not recorded, not UTF-8 text";
        if (InvalidBytes(kept, isFinalBlock) > InvalidBytesTolerated(kept.Length))
        {
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, kept.Length));
        try
        {
            _ = Utf8.ToUtf16(kept, chars, out _, out var written, replaceInvalidSequences: true, isFinalBlock);
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>How many invalid UTF-8 bytes a text body of <paramref name="length"/> bytes may hold: one in a hundred, so a short body must be valid throughout.</summary>
    public static int InvalidBytesTolerated(int length) => length / 100;

    /// <summary>Counts the bytes of invalid UTF-8 sequences; an incomplete sequence at the end counts only in a final block.</summary>
    public static int InvalidBytes(ReadOnlySpan<byte> bytes, bool isFinalBlock)
    {
        if (Utf8.IsValid(bytes))
        {
            return 0;
        }

        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == OperationStatus.NeedMoreData && !isFinalBlock)
            {
                break;
            }

            if (status != OperationStatus.Done)
            {
                invalid += consumed;
            }

            bytes = bytes[consumed..];
        }

        return invalid;
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>'s length from a stream; stops early only at its end or at a failure,
    /// which it returns with the count of the bytes read before it, never throws.
    /// </summary>
    public static async ValueTask<(int Read, Exception? Failure)> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
        }
        catch (Exception e)
        {
            return (filled, e);
        }

        return (filled, null);
    }
}
