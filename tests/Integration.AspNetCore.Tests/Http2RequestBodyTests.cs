using System.Net;
using System.Text;

namespace Integration.AspNetCore.Tests;

/// <summary>
/// Request bodies that announce no length: HTTP/2 over cleartext (h2c, prior knowledge) on Kestrel, where a body is
/// a series of DATA frames and Content-Length is optional.
/// </summary>
public sealed class Http2RequestBodyTests
{
    [Fact]
    public async Task AnHttp2RequestBodyWithoutContentLength_IsCaptured()
    {
        await using var host = await PublicApiHost.StartAsync(http2: true);
        const string json = """{"id":42,"amount":12.5,"password":"PASSWORD-SECRET"}""";

        using var response = await host.Client.PostAsync(new Uri("api/sales/echo", UriKind.Relative), new UnknownLengthContent(json, "application/json"));

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("HTTP/2: read 52 chars", await response.Content.ReadAsStringAsync());
        var line = await host.ExchangeLineAsync();
        Assert.DoesNotContain("Content-Length", line.Exchange!.RequestHeaders, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("""{"id":42,"amount":12.5,"password":"***"}""", line.Exchange.RequestBody);
    }

    [Fact]
    public async Task AnHttp2RequestBodyOverTheCap_IsCapturedTruncated_WithItsOriginalLength()
    {
        await using var host = await PublicApiHost.StartAsync(http2: true);
        var text = new string('s', 100_000);

        using var response = await host.Client.PostAsync(new Uri("api/sales/echo", UriKind.Relative), new UnknownLengthContent(text, "text/plain"));

        Assert.Equal("HTTP/2: read 100000 chars", await response.Content.ReadAsStringAsync());
        var body = (await host.ExchangeLineAsync()).Exchange!.RequestBody!;
        Assert.Matches(@"^\[truncated: first \d+ of 100000 bytes\] s+$", body);
        Assert.True(body.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
    }

    [Fact]
    public async Task AnHttp2RequestWithoutABody_RecordsNoBody()
    {
        await using var host = await PublicApiHost.StartAsync(http2: true);

        using var response = await host.Client.GetAsync(new Uri("api/sales/7", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await host.ExchangeLineAsync()).Exchange!.RequestBody);
    }

    /// <summary>Content whose length is not known in advance: sent without Content-Length.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(string text, string mediaType)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // In pieces, as a producer that does not know its length would send it.
            for (var offset = 0; offset < _bytes.Length; offset += 16 * 1024)
            {
                await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(16 * 1024, _bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
