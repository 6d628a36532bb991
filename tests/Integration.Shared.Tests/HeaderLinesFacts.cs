namespace Integration.Shared.Tests;

/// <summary>
/// <see cref="HeaderLines"/>: one "Name: value" line per header, values of one header joined by ", ", and a CR or LF
/// inside a value written as <c>\r</c> or <c>\n</c> so that no value can start a line of its own.
/// </summary>
public sealed class HeaderLinesFacts
{
    public static TheoryData<string[], string?> Formats => new()
    {
        // Each row: "Name=value1|value2" per header (an empty list: no header at all).
        { [], null },
        { ["Accept=*/*"], "Accept: */*" },
        { ["Accept=text/plain|application/json"], "Accept: text/plain, application/json" },
        { ["Accept=*/*", "Date=Mon, 02 Mar 2026 11:00:00 GMT"], "Accept: */*\nDate: Mon, 02 Mar 2026 11:00:00 GMT" },
        { ["X-Empty="], "X-Empty: " },
        { ["X-Evil=a\r\nInjected: b"], "X-Evil: a\\r\\nInjected: b" },
        { ["X-Evil=a\nb\rc"], "X-Evil: a\\nb\\rc" },
        { ["X-Tab=a\tb"], "X-Tab: a\tb" },
        { ["X-Unicode=caf\u00e9 \u20AC \U0001F600"], "X-Unicode: caf\u00e9 \u20AC \U0001F600" },
        { ["X-Literal=a\\nb"], "X-Literal: a\\nb" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Headers_AreFormattedAsOneLineEach(string[] headers, string? expected)
        => Assert.Equal(expected, HeaderLines.Format(Parse(headers)));

    [Theory]
    [InlineData(false, false, null)]
    [InlineData(true, false, "Accept: */*")]
    [InlineData(false, true, "Content-Type: text/plain")]
    [InlineData(true, true, "Accept: */*\nContent-Type: text/plain")]
    public void TwoCollections_AreWrittenOneAfterTheOther(bool first, bool second, string? expected)
    {
        var request = first ? Parse(["Accept=*/*"]) : null;
        var content = second ? Parse(["Content-Type=text/plain"]) : null;

        Assert.Equal(expected, HeaderLines.Format(request, content));
    }

    [Fact]
    public void TwoEmptyCollections_GiveNoLines()
        => Assert.Null(HeaderLines.Format(Parse([]), Parse([])));

    [Theory]
    [InlineData(null, "Server", "kestrel", "Server: kestrel")]
    [InlineData("Accept: */*", "Server", "kestrel", "Accept: */*\nServer: kestrel")]
    [InlineData("Accept: */*", "X-Evil", "a\r\nb", "Accept: */*\nX-Evil: a\\r\\nb")]
    public void AppendLine_StartsALineOnlyForTheNextHeader(string? existing, string name, string value, string expected)
    {
        var lines = existing is null ? null : new System.Text.StringBuilder(existing);

        HeaderLines.AppendLine(ref lines, name, value);

        Assert.Equal(expected, lines!.ToString());
    }

    private static List<KeyValuePair<string, IEnumerable<string>>> Parse(string[] headers)
        => [.. headers.Select(h => h.Split('=', 2)).Select(p => new KeyValuePair<string, IEnumerable<string>>(p[0], p[1].Length == 0 ? [string.Empty] : p[1].Split('|')))];
}
