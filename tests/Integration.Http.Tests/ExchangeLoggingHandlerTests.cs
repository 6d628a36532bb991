using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Http.Tests;

public sealed class ExchangeLoggingHandlerTests(PartnerServer server) : IClassFixture<PartnerServer>
{
    [Fact]
    public async Task ASuccessfulExchange_IsLoggedInTheCurrentExecution_WithTheCallsCorrelationId()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var response = await host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative)));

        var lines = await host.LinesAsync();
        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Information, line.Level);
        Assert.Equal("GET", line.Exchange!.Method);
        Assert.Equal(new Uri(server.BaseAddress, "sales").ToString(), line.Exchange.Target);
        Assert.Equal(200, line.Exchange.StatusCode);
        Assert.Equal(InterfaceDirection.Outbound, line.Exchange.Direction);
        Assert.NotNull(line.Exchange.Duration);
        Assert.Contains("Content-Type: application/json", line.Exchange.ResponseHeaders, StringComparison.Ordinal);
        Assert.Equal("""{"sales":[{"id":1,"amount":12.5}],"password":"***"}""", line.Exchange.ResponseBody);
        Assert.Equal(lines[^1].CorrelationId, line.CorrelationId);
        Assert.Contains("SERVER-SECRET", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAScheduledExecution_ExchangesAreLoggedInOrder_EachWithItsOwnCorrelationId()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        var run = await host.Operations.RunNowAsync("partner-import");
        var execution = await run.Completion;

        var lines = await host.Provider.GetRequiredService<IExecutionStore>().ReadLogAsync(execution.Id, new LogQuery());
        Assert.Equal(ExecutionStatus.OK, execution.Status);
        Assert.Equal(["Fetching sales", "GET", "GET", "Done"], lines.Select(l => l.Exchange?.Method ?? l.Message));
        Assert.EndsWith("sales?page=2", lines[2].Exchange!.Target, StringComparison.Ordinal);
        Assert.NotNull(lines[1].CorrelationId);
        Assert.NotEqual(lines[1].CorrelationId, lines[2].CorrelationId);
    }

    [Theory]
    [InlineData(503, ErrorCategory.External)]
    [InlineData(429, ErrorCategory.External)]
    [InlineData(400, ErrorCategory.Mapping)]
    [InlineData(422, ErrorCategory.Mapping)]
    [InlineData(401, ErrorCategory.Configuration)]
    [InlineData(403, ErrorCategory.Configuration)]
    public async Task AnUnsuccessfulStatus_WritesAnErrorLineOfItsCategory(int status, ErrorCategory category)
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var response = await host.SendAsync(http => http.GetAsync(new Uri($"status/{status}", UriKind.Relative)));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(category, line.Category);
        Assert.Equal(status, line.Exchange!.StatusCode);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal($"status {status}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnExpectedStatus_IsLoggedAsInformation()
    {
        await using var host = ClientHost.Create(server.BaseAddress, logging: o => o.ExpectedStatusCodes.Add(404));

        using var response = await host.SendAsync(http => http.GetAsync(new Uri("status/404", UriKind.Relative)));

        Assert.Equal(ExecutionLogLevel.Information, (await host.ExchangeLineAsync()).Level);
    }

    [Fact]
    public async Task AHostClassifier_OverridesTheStatusRules()
    {
        await using var host = ClientHost.Create(server.BaseAddress, x => x.AddErrorClassifier(new MaintenanceIsConfiguration()));

        using var response = await host.SendAsync(http => http.GetAsync(new Uri("status/503", UriKind.Relative)));

        Assert.Equal(ErrorCategory.Configuration, (await host.ExchangeLineAsync()).Category);
    }

    [Fact]
    public async Task ATimeout_IsAnExternalError_AndTheCallerStillGetsItsException()
    {
        server.ResetSlow();
        await using var host = ClientHost.Create(server.BaseAddress, timeout: TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<TaskCanceledException>(() => host.SendAsync(http => http.GetAsync(new Uri("slow", UriKind.Relative))));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, line.Level);
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.Null(line.Exchange!.StatusCode);
        Assert.Contains("no answer", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANetworkError_IsAnExternalError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        listener.Stop();
        await using var host = ClientHost.Create(closed);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.SendAsync(http => http.GetAsync(new Uri("sales", UriKind.Relative))));

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ErrorCategory.External, line.Category);
        Assert.NotNull(line.Exception);
    }

    [Fact]
    public async Task TheAuthorizationHeader_AJsonPassword_AndAnApiKeyQueryValue_AreMaskedInTheStore()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var response = await host.SendAsync(http =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("sales?api_key=KEY-SECRET&day=2026-03-02", UriKind.Relative))
            {
                Content = JsonContent.Create(new { user = "ann", password = "PASSWORD-SECRET", amount = 12.5 }),
            };
            request.Headers.Authorization = new("Bearer", "HEADER-SECRET");
            return http.SendAsync(request);
        });

        var line = await host.ExchangeLineAsync();
        var stored = string.Join('|', (await host.LinesAsync()).Select(l => $"{l.Message}|{l.Exchange}|{l.Exception}"));
        Assert.DoesNotContain("SECRET", stored, StringComparison.Ordinal);
        Assert.Equal(new Uri(server.BaseAddress, "sales?api_key=***&day=2026-03-02").ToString(), line.Exchange!.Target);
        Assert.Contains("Authorization: ***", line.Exchange.RequestHeaders, StringComparison.Ordinal);
        Assert.Equal("""{"user":"ann","password":"***","amount":12.5}""", line.Exchange.RequestBody);
        Assert.Equal("Bearer HEADER-SECRET", server.LastAuthorization);
        Assert.Equal("received 57 chars", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ATenMegabyteBody_IsLoggedTruncatedWithItsOriginalLength_AndTheCallerGetsItWhole()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var response = await host.SendAsync(http => http.GetAsync(new Uri("big", UriKind.Relative)));

        var body = (await host.ExchangeLineAsync()).Exchange!.ResponseBody!;
        Assert.True(body.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
        Assert.Matches($@"^\[truncated: first \d+ of {PartnerServer.BigLength} bytes\] a+$", body);
        Assert.Equal(PartnerServer.BigLength, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task AStreamedResponse_IsNotBufferedWhole_AndReadsToItsEnd()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var response = await host.SendAsync(http => http.GetAsync(new Uri("big", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead));

        await using var stream = await response.Content.ReadAsStreamAsync();
        var total = 0L;
        var buffer = new byte[81920];
        for (int read; (read = await stream.ReadAsync(buffer)) > 0;)
        {
            Assert.Equal(-1, buffer.AsSpan(0, read).IndexOfAnyExcept((byte)'a'));
            total += read;
        }

        Assert.Equal(PartnerServer.BigLength, total);

        // The line waits for the end of a body longer than the cap: only then is its fate known.
        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Information, line.Level);
        Assert.StartsWith($"[truncated: first {BodyText.BytesToRead(ExchangeCaptureOptions.DefaultMaxPayloadLength)} of {PartnerServer.BigLength} bytes]", line.Exchange!.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStreamedResponseTheCallerDisposesUnread_IsLoggedWhenDisposed_AsItsStatusSays()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        var response = await host.SendAsync(http => http.GetAsync(new Uri("big", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead));
        Assert.DoesNotContain(await host.LinesAsync(), l => l.Exchange?.Target is not null);
        response.Dispose();

        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Information, line.Level);
        Assert.Equal(200, line.Exchange!.StatusCode);
        Assert.StartsWith("[truncated: first", line.Exchange.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATextBodyHoldingANulByte_KeepsItsText_WithTheNulEscaped()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var response = await host.SendAsync(http => http.GetAsync(new Uri("nul", UriKind.Relative)));

        Assert.Equal("order 42\\u0000; status: shipped\n", (await host.ExchangeLineAsync()).Exchange!.ResponseBody);
    }

    [Fact]
    public async Task BinaryAndNonUtf8Bodies_AreDescribed_NotRecordedAsGarbage()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var binary = await host.SendAsync(http => http.GetAsync(new Uri("binary", UriKind.Relative)));
        using var latin1 = await host.SendAsync(http => http.GetAsync(new Uri("latin1", UriKind.Relative)));

        var bodies = (await host.LinesAsync()).Where(l => l.Exchange?.Target is not null).Select(l => l.Exchange!.ResponseBody).ToList();
        Assert.Equal(["[binary body: application/pdf, 8 bytes]", "[body not recorded, not UTF-8 text: text/plain, 10 bytes]"], bodies);
        Assert.Equal([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0xFE, 0x01], await binary.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task OutsideAnyExecution_NothingIsRecorded_AndTheCallWorks()
    {
        await using var host = ClientHost.Create(server.BaseAddress);

        using var response = await host.Client.Http.GetAsync(new Uri("sales", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("SERVER-SECRET", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await host.Provider.GetRequiredService<IExecutionStore>().QueryAsync(new ExecutionQuery())).Items);
    }

    [Fact]
    public async Task WithTheLogBridge_TheCallersLinesJoinTheExchange_AndHttpClientsOwnLoggingIsNotRepeated()
    {
        await using var host = ClientHost.Create(server.BaseAddress, x => x.AddExecutionLogBridge());
        var logger = host.Provider.GetRequiredService<ILogger<PartnerClient>>();

        using var response = await host.SendAsync(async http =>
        {
            logger.LogInformation("Asking the partner for its sales");
            return await http.GetAsync(new Uri("sales", UriKind.Relative));
        });

        var lines = await host.LinesAsync();
        Assert.Equal(3, lines.Count);
        Assert.Equal("PartnerClient: Asking the partner for its sales", lines[0].Message);
        Assert.Equal("GET", lines[1].Exchange?.Method);
        Assert.StartsWith("partner call: succeeded", lines[2].Message, StringComparison.Ordinal);
        Assert.Single(lines.Select(l => l.CorrelationId).Distinct());
    }

    [Fact]
    public void HeaderValues_WithCrOrLf_CannotStartALineOfTheirOwn()
    {
        var lines = HeaderLines.Format([new("X-Note", ["a\r\nInjected: b"])]);

        Assert.Equal("X-Note: a\\r\\nInjected: b", lines);
    }

    private sealed class MaintenanceIsConfiguration : IErrorClassifier
    {
        public ErrorCategory? Classify(Exception exception, ErrorClassificationContext context)
            => exception is HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable } ? ErrorCategory.Configuration : null;
    }
}
