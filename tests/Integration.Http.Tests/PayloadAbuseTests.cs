using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Http.Tests;

/// <summary>
/// Hostile payloads through the outbound handler: huge bodies, huge and countless headers, control characters,
/// invalid UTF-8. Each is capped with a marker and its original length, never throws at the caller, and cannot forge
/// a line; the caller still gets every byte.
/// </summary>
public sealed partial class PayloadAbuseTests
{
    private const int FiftyMegabytes = 50 * 1024 * 1024;
    private static readonly Uri Partner = new("https://partner.example/");

    [Fact]
    public async Task AFiftyMegabyteResponse_IsCappedWithItsLength_AndTheCallerReadsItAll()
    {
        await using var host = Host(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = Generated(FiftyMegabytes, "text/plain") });

        var read = await host.Calls.CallAsync("partner", "download", async (_, ct) =>
        {
            using var response = await host.Client.Http.GetAsync(new Uri("big", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long total = 0;
            for (int n; (n = await body.ReadAsync(buffer, ct)) > 0;)
            {
                total += n;
            }

            return total;
        }, options: null, CancellationToken.None);

        var line = await host.ExchangeLineAsync();
        Assert.Equal(FiftyMegabytes, read);
        Assert.Matches(@"^\[truncated: first \d+ of 52428800 bytes\] x+$", line.Exchange!.ResponseBody);
        Assert.True(line.Exchange.ResponseBody!.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
    }

    [Fact]
    public async Task AFiftyMegabyteRequestBody_IsCappedWithItsLength()
    {
        await using var host = Host(_ => new HttpResponseMessage(HttpStatusCode.OK));
        var body = new byte[FiftyMegabytes];
        body.AsSpan().Fill((byte)'y');

        using var response = await host.SendAsync(http => http.PostAsync(new Uri("upload", UriKind.Relative), new ByteArrayContent(body) { Headers = { ContentType = new("text/plain") } }));

        var line = await host.ExchangeLineAsync();
        Assert.Matches(@"^\[truncated: first \d+ of 52428800 bytes\] y+$", line.Exchange!.RequestBody);
    }

    [Fact]
    public async Task AOneMegabyteHeaderValue_And100000Headers_AreCappedAndMasked()
    {
        var big = new string('v', 1024 * 1024);
        await using var host = Host(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            for (var i = 0; i < 100_000; i++)
            {
                response.Headers.TryAddWithoutValidation($"X-H{i}", "secret-" + i);
            }

            return response;
        });
        var clock = Stopwatch.StartNew();

        using var response = await host.SendAsync(http =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "h");
            request.Headers.TryAddWithoutValidation("X-Big", big);
            request.Headers.TryAddWithoutValidation("Location", "/cb?code=" + big);
            return http.SendAsync(request);
        });

        var exchange = (await host.ExchangeLineAsync()).Exchange!;
        Assert.Matches(@"^\[truncated: first \d+ of \d{7,} chars\] ", exchange.RequestHeaders);
        Assert.Matches(@"^\[truncated: first \d+ of \d{7,} chars\] ", exchange.ResponseHeaders);
        Assert.True(exchange.RequestHeaders!.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
        Assert.True(exchange.ResponseHeaders!.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
        Assert.DoesNotContain("vvvv", exchange.RequestHeaders, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-", exchange.ResponseHeaders, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ControlCharactersEverywhere_CannotForgeALine()
    {
        const string Evil = "a\u0000b\r\n2026-03-02 ERROR forged\u2028c\u2029d\u0085e\u001B[31m";
        await using var host = Host(_ =>
        {
            var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Evil, Encoding.UTF8, "text/plain") };
            answer.Headers.TryAddWithoutValidation("X-Evil", Evil);
            answer.Headers.TryAddWithoutValidation("Location", Evil);
            return answer;
        });

        using var response = await host.SendAsync(http =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "x?q=" + Uri.EscapeDataString(Evil)) { Content = new StringContent(Evil, Encoding.UTF8, "text/plain") };
            request.Headers.TryAddWithoutValidation("Accept", Evil);
            return http.SendAsync(request);
        });

        var line = await host.ExchangeLineAsync();
        var x = line.Exchange!;
        foreach (var single in new[] { line.Message, x.Method, x.Target, line.CorrelationId })
        {
            Assert.DoesNotMatch(AnyControl(), single);
        }

        foreach (var headers in new[] { x.RequestHeaders!, x.ResponseHeaders! })
        {
            Assert.DoesNotMatch(ControlButLineFeed(), headers);
            Assert.All(headers.Split('\n'), h => Assert.Matches("^[A-Za-z0-9-]+: ", h));
        }

        foreach (var body in new[] { x.RequestBody!, x.ResponseBody! })
        {
            Assert.DoesNotMatch(ControlButLineBreaks(), body);
            Assert.Contains("\\u0000", body, StringComparison.Ordinal);
            Assert.Contains("\\u2028", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xE9, 0x74, 0xE9, 0x20, 0xE0, 0x20, 0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68 })]
    public async Task AnInvalidUtf8Body_IsDescribed_NeverStoredAsGarbage(byte[] bytes)
    {
        await using var host = Host(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("text/plain") } } });

        using var response = await host.SendAsync(http => http.GetAsync(new Uri("latin1", UriKind.Relative)));

        var line = await host.ExchangeLineAsync();
        Assert.Equal($"[body not recorded, not UTF-8 text: text/plain, {bytes.Length} bytes]", line.Exchange!.ResponseBody);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    private static ClientHost Host(Func<HttpRequestMessage, HttpResponseMessage> answer)
        => ClientHost.Create(Partner, inner: client => client.ConfigurePrimaryHttpMessageHandler(() => new Stub(answer)));

    /// <summary>A body of <paramref name="length"/> bytes of 'x', generated as it is read: never held in memory whole.</summary>
    private static StreamContent Generated(long length, string mediaType)
        => new(new GeneratedStream(length)) { Headers = { ContentType = new(mediaType), ContentLength = length } };

    [GeneratedRegex(@"[\u0000-\u001F\u007F-\u009F\u2028\u2029]")]
    private static partial Regex AnyControl();

    [GeneratedRegex(@"[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]")]
    private static partial Regex ControlButLineFeed();

    [GeneratedRegex(@"[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]")]
    private static partial Regex ControlButLineBreaks();

    private sealed class Stub(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Fill((byte)'x');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
