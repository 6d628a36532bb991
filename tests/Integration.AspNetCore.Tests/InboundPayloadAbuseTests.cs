using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Integration.AspNetCore.Tests;

/// <summary>
/// Hostile inbound requests: a huge body, control characters everywhere, bytes that are not UTF-8. What is recorded is
/// capped with a marker and the original length, never forges a line, and the endpoint still gets the request whole.
/// (Huge header values and header counts are refused by Kestrel's own limits before any endpoint runs; the outbound
/// tests in Integration.Http.Tests cover them.)
/// </summary>
public sealed partial class InboundPayloadAbuseTests
{
    private const int FiftyMegabytes = 50 * 1024 * 1024;

    [Fact]
    public async Task AFiftyMegabyteRequestBody_IsCappedWithItsLength_AndTheEndpointReadsItAll()
    {
        await using var host = await PublicApiHost.StartAsync();
        var body = new byte[FiftyMegabytes];
        body.AsSpan().Fill((byte)'y');

        using var response = await host.Client.PostAsync(new Uri("api/sales/echo", UriKind.Relative), new ByteArrayContent(body) { Headers = { ContentType = new("text/plain") } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith($"read {FiftyMegabytes} chars", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var line = await host.ExchangeLineAsync();
        Assert.Matches($@"^\[truncated: first \d+ of {FiftyMegabytes} bytes\] y+$", line.Exchange!.RequestBody);
        Assert.True(line.Exchange.RequestBody!.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
    }

    [Fact]
    public async Task ControlCharactersInTheQueryHeadersAndBody_CannotForgeALine()
    {
        const string Evil = "a\u0000b\r\n2026-03-02 ERROR forged\u2028c\u2029d\u0085e\u001B[31m";
        await using var host = await PublicApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sales/echo?q=" + Uri.EscapeDataString(Evil))
        {
            Content = new StringContent(Evil, Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "text/plain\u0001\u007F");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await host.ExchangeLineAsync();
        var x = line.Exchange!;
        foreach (var single in new[] { line.Message, x.Method, x.Target, line.CorrelationId })
        {
            Assert.DoesNotMatch(AnyControl(), single);
        }

        Assert.DoesNotMatch(ControlButLineFeed(), x.RequestHeaders!);
        Assert.All(x.RequestHeaders!.Split('\n'), h => Assert.Matches("^[A-Za-z0-9-]+: ", h));
        Assert.DoesNotMatch(ControlButLineBreaks(), x.RequestBody!);
        Assert.Contains("\\u0000", x.RequestBody!, StringComparison.Ordinal);
        Assert.Contains("\\u2028", x.RequestBody!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidUtf8RequestBody_IsDescribed_NeverStoredAsGarbage_AndReachesTheEndpointUnchanged()
    {
        byte[] bytes = [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE];
        await using var host = await PublicApiHost.StartAsync();

        using var response = await host.Client.PostAsync(new Uri("api/sales/bytes", UriKind.Relative), new ByteArrayContent(bytes) { Headers = { ContentType = new("text/plain") } });

        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        var line = await host.ExchangeLineAsync();
        Assert.Equal($"[body not recorded, not UTF-8 text: text/plain, {bytes.Length} bytes]", line.Exchange!.RequestBody);
        Assert.Equal($"[body not recorded, not UTF-8 text: text/plain, {bytes.Length} bytes]", line.Exchange.ResponseBody);
    }

    [GeneratedRegex(@"[\u0000-\u001F\u007F-\u009F\u2028\u2029]")]
    private static partial Regex AnyControl();

    [GeneratedRegex(@"[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]")]
    private static partial Regex ControlButLineFeed();

    [GeneratedRegex(@"[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]")]
    private static partial Regex ControlButLineBreaks();
}
