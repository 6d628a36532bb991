using Microsoft.Extensions.DependencyInjection;

namespace Integration.Http.Tests;

/// <summary>A partner that answers 200 and then drops the body: the exchange line must say so, once, in red.</summary>
public sealed class AbortedResponseTests
{
    [Fact]
    public async Task AResponseAbortedMidBody_IsOneExternalErrorLine_SayingAfterHowManyBytes_AndTheCallerStillGetsItsException()
    {
        await using var partner = new AbortingPartner("text/plain", announced: 1000, sent: 100);
        await using var host = ClientHost.Create(partner.BaseAddress);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative))));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.Equal(200, line.Exchange!.StatusCode);
        Assert.Contains("-> 200 OK, but the response was aborted after 100 of 1000 bytes of the body", line.Message, StringComparison.Ordinal);
        Assert.Equal("[aborted after 100 of 1000 bytes] " + new string('b', 100), line.Exchange.ResponseBody);
        Assert.NotNull(line.Exception);
    }

    [Fact]
    public async Task ABodyLongerThanTheCap_AbortedAfterTheCap_IsOneErrorLine_WrittenWhenTheBodyFails()
    {
        await using var partner = new AbortingPartner("application/json", announced: 100_000, sent: 50_000);
        await using var host = ClientHost.Create(partner.BaseAddress);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative))));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.Contains("aborted after 50000 of 100000 bytes", line.Message, StringComparison.Ordinal);
        Assert.Matches(@"^\[aborted after 50000 of 100000 bytes; first \d+ shown\] b+$", line.Exchange!.ResponseBody);
    }

    [Fact]
    public async Task AStreamedBody_AbortedWhileTheCallerReadsIt_IsLoggedOnce_WhenTheReadFails()
    {
        await using var partner = new AbortingPartner("text/plain", announced: 100_000, sent: 50_000);
        await using var host = ClientHost.Create(partner.BaseAddress);
        var read = 0L;

        await Assert.ThrowsAnyAsync<IOException>(() => host.SendAsync(async http =>
        {
            using var response = await http.GetAsync(new Uri("sales", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.DoesNotContain(await host.LinesAsync(), l => l.Exchange?.Target is not null);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[8192];
            for (int n; (n = await body.ReadAsync(buffer)) > 0;)
            {
                read += n;
            }

            return response;
        }));

        Assert.Equal(50_000, read);
        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.Contains("aborted after 50000 of 100000 bytes", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABinaryBodyAborted_IsAnErrorToo_DescribedNotShown()
    {
        await using var partner = new AbortingPartner("application/pdf", announced: 1000, sent: 100);
        await using var host = ClientHost.Create(partner.BaseAddress);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendAsync(http => http.GetAsync(new Uri("report.pdf", UriKind.Relative))));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.Equal("[aborted after 100 of 1000 bytes] [binary body: application/pdf, 1000 bytes]", line.Exchange!.ResponseBody);
    }

    [Fact]
    public async Task WithoutBodyCapture_AnAbortedBody_IsStillAnError()
    {
        await using var partner = new AbortingPartner("text/plain", announced: 1000, sent: 100);
        await using var host = ClientHost.Create(partner.BaseAddress, logging: o => o.CaptureResponseBody = false);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative))));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.Null(line.Exchange!.ResponseBody);
    }

    [Fact]
    public async Task AnUnsuccessfulStatusWhoseBodyIsCutShort_KeepsTheStatussCategory_AndSaysTheBodyWasAborted()
    {
        await using var partner = new AbortingPartner("application/json", announced: 1000, sent: 100, status: "400 Bad Request");
        await using var host = ClientHost.Create(partner.BaseAddress);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative))));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.Mapping, line.Category);
        Assert.Equal(400, line.Exchange!.StatusCode);
        Assert.Contains("-> 400 Bad Request, but the response was aborted after 100 of 1000 bytes", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatStopsComing_UntilTheCallerGivesUp_IsAnExternalError_WrittenOnce()
    {
        await using var partner = new AbortingPartner("text/plain", announced: 1000, sent: 100, hang: true);
        var headers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = ClientHost.Create(partner.BaseAddress, inner: client => client.AddHttpMessageHandler(() => new HeadersGate(headers)));
        using var giveUp = new CancellationTokenSource();

        var sending = host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative), giveUp.Token));
        await headers.Task;
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.Equal(200, line.Exchange!.StatusCode);
        Assert.Matches(@"-> 200 OK, timed out or cancelled after \d+ of 1000 bytes of the body", line.Message);   // the bytes read by then vary
    }

    [Fact]
    public async Task AHostClassifier_SeesTheAbortAsAnHttpRequestException_AroundTheFailure()
    {
        await using var partner = new AbortingPartner("text/plain", announced: 1000, sent: 100);
        await using var host = ClientHost.Create(partner.BaseAddress, x => x.AddErrorClassifier(new AbortIsMapping()));

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative))));

        Assert.Equal(ErrorCategory.Mapping, (await host.ExchangeLineAsync()).Category);
    }

    /// <summary>Between the logging handler and the wire: opens when the response headers have come.</summary>
    private sealed class HeadersGate(TaskCompletionSource headers) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            headers.TrySetResult();
            return response;
        }
    }

    private sealed class AbortIsMapping : IErrorClassifier
    {
        public ErrorCategory? Classify(Exception exception, ErrorClassificationContext context)
            => exception is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded, InnerException: IOException } ? ErrorCategory.Mapping : null;
    }
}
