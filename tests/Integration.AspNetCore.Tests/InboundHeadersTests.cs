using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace Integration.AspNetCore.Tests;

/// <summary>
/// The recorder's own header and URL text must be what the shared formatter (<see cref="HeaderLines"/>) and
/// <c>GetDisplayUrl()</c> give, character for character: the redactor reads it line by line.
/// </summary>
public sealed class InboundHeadersTests
{
    public static TheoryData<string[]> HeaderSets => new()
    {
        Array.Empty<string>(),
        new[] { "Host", "127.0.0.1:5310" },
        new[] { "Host", "h", "Accept", "application/json", "Authorization", "Bearer abcdefghijkl" },
        new[] { "X-Empty", "" },
        new[] { "X-Forged", "a\r\nSet-Cookie: b", "X-Tail", "\n", "X-Lead", "\rx" },
        new[] { "X-Long", new string('v', 600), "X-Longer", new string('w', 3000), "X-Escaped", new string('\n', 700) },
    };

    [Theory]
    [MemberData(nameof(HeaderSets))]
    public void Format_WritesWhatTheSharedFormatterWrites(string[] pairs)
    {
        var headers = new HeaderDictionary();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            headers[pairs[i]] = pairs[i + 1];
        }

        Assert.Equal(Reference(headers), InboundHeaders.Format(headers));
    }

    [Fact]
    public void Format_JoinsSeveralValuesAsStringValuesDoes()
    {
        var headers = new HeaderDictionary { ["Accept"] = new StringValues(["text/plain", "application/json"]), ["Via"] = "1.1 a" };

        Assert.Equal("Accept: text/plain,application/json\nVia: 1.1 a", InboundHeaders.Format(headers));
        Assert.Equal(Reference(headers), InboundHeaders.Format(headers));
    }

    [Fact]
    public void Format_GivesNull_WithoutHeaders() => Assert.Null(InboundHeaders.Format(new HeaderDictionary()));

    [Theory]
    [InlineData("http", "127.0.0.1:5310", "", "/daily", "")]
    [InlineData("https", "api.example:8443", "/base", "/api/sales/ORD 7", "?api_key=x&y=%20")]
    [InlineData("http", "h", "", "", "")]
    [InlineData("http", "[::1]:80", "/b", "/é/ü", "?q=1")]
    public void DisplayUrl_IsGetDisplayUrl(string scheme, string host, string pathBase, string path, string query)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = scheme;
        http.Request.Host = new HostString(host);
        http.Request.PathBase = new PathString(pathBase);
        http.Request.Path = new PathString(path);
        http.Request.QueryString = new QueryString(query);

        Assert.Equal(http.Request.GetDisplayUrl(), InboundCallRecorder.DisplayUrl(http.Request));
    }

    private static string? Reference(IHeaderDictionary headers)
    {
        StringBuilder? lines = null;
        foreach (var (name, values) in headers)
        {
            HeaderLines.AppendLine(ref lines, name, values.ToString());
        }

        return lines?.ToString();
    }
}
