using System.Text;

namespace Integration.Shared.Tests;

/// <summary>
/// The parts of <see cref="BodyText"/> that tests/Integration.Http.Tests/BodyTextTests.cs does not cover: streamed
/// media types, descriptions, the read budget, counting invalid UTF-8, edge sizes, and reading a body that fails.
/// </summary>
public sealed class BodyTextFacts
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("text/event-stream", true)]
    [InlineData("TEXT/EVENT-STREAM", true)]
    [InlineData("application/x-ndjson", true)]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("multipart/form-data", true)]
    [InlineData("multipart/mixed", true)]
    [InlineData("application/json", false)]
    [InlineData("text/plain", false)]
    [InlineData("application/octet-stream", false)]
    public void AMediaType_IsStreamedOrNot(string? mediaType, bool streamed)
        => Assert.Equal(streamed, BodyText.IsStreamed(mediaType));

    [Theory]
    [InlineData("binary body", "application/pdf", 1234L, "[binary body: application/pdf, 1234 bytes]")]
    [InlineData("binary body", null, 4L, "[binary body: no content type, 4 bytes]")]
    [InlineData("binary body", "image/png", null, "[binary body: image/png, length unknown]")]
    [InlineData("streamed body", "text/event-stream", null, "[streamed body: text/event-stream, length unknown]")]
    [InlineData("binary body", "application/zip", 0L, "[binary body: application/zip, 0 bytes]")]
    [InlineData("binary body", "application/zip", 10_000_000_000L, "[binary body: application/zip, 10000000000 bytes]")]
    public void ADescription_GivesWhatTheBodyIs_ItsTypeAndItsLength(string what, string? mediaType, long? length, string expected)
        => Assert.Equal(expected, BodyText.Describe(what, mediaType, length));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(96, 0)]
    [InlineData(97, 1)]
    [InlineData(1024, 928)]
    [InlineData(32 * 1024, 32_672)]
    public void TheReadBudget_LeavesRoomForTheMarker(int maxPayloadLength, int bytes)
        => Assert.Equal(bytes, BodyText.BytesToRead(maxPayloadLength));

    public static TheoryData<byte[], bool, int> InvalidSequences => new()
    {
        { [], true, 0 },
        { U("plain ascii"), true, 0 },
        { U("caf\u00e9 \u20AC \U0001F600"), true, 0 },
        { [0xFF], true, 1 },
        { [0x41, 0xFF, 0x42, 0xFE], true, 2 },
        { [0xC3, 0x28], true, 1 },

        // A sequence cut at the end: invalid only when no more bytes follow.
        { [0x41, 0xC3], true, 1 },
        { [0x41, 0xC3], false, 0 },
        { [0x41, 0xE2, 0x82], true, 2 },
        { [0x41, 0xE2, 0x82], false, 0 },
        { [0x41, 0xF0, 0x9F, 0x98], false, 0 },

        // Invalid whatever follows: an overlong encoding, a surrogate code point, a stray continuation byte.
        { [0xC0, 0xAF], false, 2 },
        { [0xED, 0xA0, 0x80], false, 3 },
        { [0x80, 0x41], false, 1 },
    };

    [Theory]
    [MemberData(nameof(InvalidSequences))]
    public void InvalidUtf8_IsCountedInBytes(byte[] bytes, bool isFinalBlock, int invalid)
        => Assert.Equal(invalid, BodyText.InvalidBytes(bytes, isFinalBlock));

    public static TheoryData<string?, byte[], int, long?, bool, string> EdgeSizes => new()
    {
        { "text/plain", [], 256, 0, false, string.Empty },
        { null, [], 256, null, false, string.Empty },
        { "application/json", U("{}"), 2, 2, false, "{}" },

        // More bytes read than may be kept: cut even when the reader saw the end.
        { "text/plain", U("abcdef"), 3, 6, false, "[truncated: first 3 of 6 bytes] abc" },
        { "text/plain", U("abcdef"), 0, 6, true, "[truncated: first 0 of 6 bytes] " },
        { null, U("abc\0def"), 3, null, true, "[truncated: first 3 of more than 3 bytes] abc" },
        { null, U("abcdef\0"), 3, null, true, "[truncated: first 3 of more than 3 bytes] abc" },

        // The declared type is not checked here: every caller asks IsText first and only describes a binary body.
        { "application/pdf", U("%PDF-1.7"), 256, 8, false, "%PDF-1.7" },
    };

    [Theory]
    [MemberData(nameof(EdgeSizes))]
    public void EdgeSizes_AreKeptOrCutLikeAnyOther(string? mediaType, byte[] head, int limit, long? totalLength, bool more, string expected)
        => Assert.Equal(expected, BodyText.FromBytes(head, limit, totalLength, more, mediaType));

    [Theory]
    [InlineData(10, 4, 10, 10)]
    [InlineData(10, 4, 6, 6)]
    [InlineData(10, 1, 0, 0)]
    [InlineData(0, 3, 8, 0)]
    [InlineData(7, 3, 7, 7)]
    public async Task Fill_ReadsUntilTheBufferIsFullOrTheBodyEnds(int bufferSize, int chunk, int bodyLength, int filled)
    {
        var stream = new Trickle(new byte[bodyLength], chunk, failAfter: null);

        var (read, failure) = await BodyText.FillAsync(stream, new byte[bufferSize], CancellationToken.None);

        Assert.Equal((filled, (Exception?)null), (read, failure));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(6, 6)]
    public async Task Fill_ReturnsAFailure_WithTheBytesReadBeforeIt_NeverThrows(int failAfter, int filled)
    {
        var stream = new Trickle(new byte[100], chunk: 3, failAfter);

        var (read, failure) = await BodyText.FillAsync(stream, new byte[50], CancellationToken.None);

        Assert.Equal(filled, read);
        Assert.IsType<IOException>(failure);
    }

    [Fact]
    public async Task Fill_ReturnsACancellation_AsItsFailure()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var (read, failure) = await BodyText.FillAsync(new Trickle(new byte[10], 3, null), new byte[10], cancelled.Token);

        Assert.Equal(0, read);
        Assert.IsAssignableFrom<OperationCanceledException>(failure);
    }

    private static byte[] U(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A body that comes <c>chunk</c> bytes at a time and, optionally, fails after <c>failAfter</c> bytes.</summary>
    private sealed class Trickle(byte[] body, int chunk, int? failAfter) : MemoryStream(body)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Position >= failAfter)
            {
                throw new IOException("connection reset");
            }

            var size = Math.Min(Math.Min(buffer.Length, chunk), failAfter is { } f ? f - (int)Position : int.MaxValue);
            return base.ReadAsync(buffer[..size], cancellationToken);
        }
    }
}
