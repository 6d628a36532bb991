using System.Text;

namespace Integration.Http.Tests;

/// <summary>What a captured body becomes in a log line: its text, or a description when it is not text.</summary>
public sealed class BodyTextTests
{
    private const int Limit = 256;

    public static TheoryData<string?, byte[], long?, bool, string> Bodies => new()
    {
        // Declared text that is UTF-8 keeps its text, control characters included (the runtime escapes them).
        { "text/plain", U("hello"), 5, false, "hello" },
        { "text/plain", U("abc\0def"), 7, false, "abc\0def" },
        { "application/json", U("{\"a\":\"x\0y\"}"), 11, false, "{\"a\":\"x\0y\"}" },
        { "application/xml", U("<a>\r\n\t1</a>"), 11, false, "<a>\r\n\t1</a>" },
        { "application/x-www-form-urlencoded", U("a=1&b=\0"), 7, false, "a=1&b=\0" },
        { "text/plain", U("esc\u001B del\u007F c1\u0085 ls\u2028 ps\u2029"), null, false, "esc\u001B del\u007F c1\u0085 ls\u2028 ps\u2029" },
        { "text/plain", U("Caf\u00e9 cr\u00e8me \u20AC"), null, false, "Caf\u00e9 cr\u00e8me \u20AC" },

        // No declared type: the bytes decide; a NUL byte says binary.
        { null, U("plain words"), 11, false, "plain words" },
        { null, U("abc\0"), 4, false, "[binary body: no content type, 4 bytes]" },
        { null, U("abc\0"), null, false, "[binary body: no content type, 4 bytes]" },

        // Invalid UTF-8: one invalid byte in a hundred is shown as U+FFFD; more is not text.
        { "text/plain", Encoding.Latin1.GetBytes("Caf\u00e9 cr\u00e8me"), 10, false, "[body not recorded, not UTF-8 text: text/plain, 10 bytes]" },
        { "text/plain", [.. U(new string('a', 99)), 0xFF], 100, false, new string('a', 99) + "\uFFFD" },
        { "text/plain", [.. U(new string('a', 98)), 0xFF], 99, false, "[body not recorded, not UTF-8 text: text/plain, 99 bytes]" },
        { "text/plain", [.. U("ab"), 0xC3], 3, false, "[body not recorded, not UTF-8 text: text/plain, 3 bytes]" },
        { "text/plain", [0xFF, 0xFE, 0x00, 0x01], 4, false, "[body not recorded, not UTF-8 text: text/plain, 4 bytes]" },

        // Cut at the cap: the marker gives the original length; a character cut in two is left out, not replaced.
        { "text/plain", U(new string('x', Limit + 1)), 1000, true, $"[truncated: first {Limit} of 1000 bytes] {new string('x', Limit)}" },
        { "text/plain", U(new string('x', Limit + 1)), null, true, $"[truncated: first {Limit} of more than {Limit} bytes] {new string('x', Limit)}" },
        { "text/plain", U(new string('x', Limit - 1) + "\u00e9"), 200, true, $"[truncated: first {Limit} of 200 bytes] {new string('x', Limit - 1)}" },
        { "text/plain", U(new string('x', Limit - 2) + "\0\0z"), 200, true, $"[truncated: first {Limit} of 200 bytes] {new string('x', Limit - 2)}\0\0" },
    };

    public static TheoryData<string?, bool> MediaTypes => new()
    {
        { null, true },
        { "text/plain", true },
        { "text/csv", true },
        { "TEXT/HTML", true },
        { "application/json", true },
        { "application/problem+json", true },
        { "application/xml", true },
        { "application/soap+xml", true },
        { "application/javascript", true },
        { "application/x-www-form-urlencoded", true },
        { "application/graphql", true },
        { "application/pdf", false },
        { "application/octet-stream", false },
        { "application/zip", false },
        { "image/png", false },
        { "multipart/form-data", false },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void ABody_BecomesItsTextOrADescription(string? mediaType, byte[] head, long? totalLength, bool more, string expected)
        => Assert.Equal(expected, BodyText.FromBytes(head, Limit, totalLength, more, mediaType));

    public static TheoryData<string?, byte[], long, long?, string> AbortedBodies => new()
    {
        { "text/plain", U("partial"), 7, 1000, "[aborted after 7 of 1000 bytes] partial" },
        { "text/plain", U("partial"), 7, null, "[aborted after 7 bytes] partial" },
        { "text/plain", U(new string('x', Limit + 1)), 5000, 9000, $"[aborted after 5000 of 9000 bytes; first {Limit} shown] {new string('x', Limit)}" },
        { "text/plain", U("café")[..4], 4, 10, "[aborted after 4 of 10 bytes] caf" },
        { "text/plain", [], 0, 10, "[aborted after 0 of 10 bytes]" },
        { "application/pdf", [], 100, 1000, "[aborted after 100 of 1000 bytes] [binary body: application/pdf, 1000 bytes]" },
        { "text/plain", [0xFF, 0xFE, 0x41], 3, 10, "[aborted after 3 of 10 bytes] [body not recorded, not UTF-8 text: text/plain, 10 bytes]" },
    };

    [Theory]
    [MemberData(nameof(AbortedBodies))]
    public void ABodyCutShort_SaysAfterHowManyBytes_ThenShowsWhatCame(string? mediaType, byte[] head, long received, long? totalLength, string expected)
        => Assert.Equal(expected, BodyText.Aborted(head, Limit, received, totalLength, mediaType));

    [Theory]
    [MemberData(nameof(MediaTypes))]
    public void AMediaType_IsTextOrNot(string? mediaType, bool isText)
        => Assert.Equal(isText, BodyText.IsText(mediaType));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(99, 0)]
    [InlineData(100, 1)]
    [InlineData(32_672, 326)]
    public void InvalidUtf8_IsToleratedUpToOneByteInAHundred(int length, int tolerated)
        => Assert.Equal(tolerated, BodyText.InvalidBytesTolerated(length));

    private static byte[] U(string text) => Encoding.UTF8.GetBytes(text);
}
