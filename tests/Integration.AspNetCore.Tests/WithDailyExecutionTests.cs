using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Integration.AspNetCore.Tests;

public sealed class WithDailyExecutionTests
{
    [Fact]
    public async Task ARequest_IsLoggedInTheDailyExecution_WithItsLineHeadersBodyStatusAndTraceId()
    {
        await using var host = await PublicApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/sales/?api_key=KEY-SECRET", UriKind.Relative))
        {
            Content = new StringContent("""{"id":42,"amount":12.5,"password":"PASSWORD-SECRET"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", "HEADER-SECRET");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Sale(42, 12.5m), await response.Content.ReadFromJsonAsync<Sale>());
        var line = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Information, line.Level);
        Assert.Equal(InterfaceDirection.Inbound, line.Exchange!.Direction);
        Assert.Equal("POST", line.Exchange.Method);
        Assert.EndsWith("/api/sales/?api_key=***", line.Exchange.Target, StringComparison.Ordinal);
        Assert.Equal(201, line.Exchange.StatusCode);
        Assert.Contains("Authorization: ***", line.Exchange.RequestHeaders, StringComparison.Ordinal);
        Assert.Equal("""{"id":42,"amount":12.5,"password":"***"}""", line.Exchange.RequestBody);
        Assert.StartsWith("POST /api/sales/ -> 201", line.Message, StringComparison.Ordinal);
        Assert.Equal("""{"id":42,"amount":12.5}""", line.Exchange.ResponseBody);
        Assert.DoesNotContain("SECRET", string.Join('|', (await host.LinesAsync()).Select(l => $"{l.Message}|{l.Exchange}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuccessfulRequest_WritesOneLine_ItsExchangeLine_WithStatusDurationAndCorrelationId()
    {
        await using var host = await PublicApiHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("api/sales/7", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var exchange = await host.ExchangeLineAsync();
        var line = Assert.Single(await host.LinesAsync());
        Assert.Equal(exchange.Sequence, line.Sequence);
        Assert.Equal(ExecutionLogLevel.Information, line.Level);
        Assert.Equal("GET /api/sales/7 -> 200 in 0 ms", line.Message);
        Assert.Equal(200, line.Exchange!.StatusCode);
        Assert.Equal(TimeSpan.Zero, line.Exchange.Duration);
        Assert.False(string.IsNullOrEmpty(line.CorrelationId));
    }

    [Fact]
    public async Task TheCorrelationId_IsTheRequestsTraceId()
    {
        await using var host = await PublicApiHost.StartAsync();

        var traceId = await host.Client.GetStringAsync(new Uri("api/sales/trace", UriKind.Relative));

        Assert.All(await host.LinesAsync(), l => Assert.Equal(traceId, l.CorrelationId));
    }

    [Fact]
    public async Task SixtyFourConcurrentFirstRequests_ShareOneDailyExecution_HoldingSixtyFourCalls()
    {
        await using var host = await PublicApiHost.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 64).Select(id => host.Client.GetAsync(new Uri($"api/sales/{id}", UriKind.Relative))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var exchanges = (await host.LinesAsync()).Where(l => l.Exchange?.Target is not null).ToList();
        Assert.Equal(64, exchanges.Count);
        Assert.Equal(64, exchanges.Select(l => l.CorrelationId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 64).Select(id => $"/api/sales/{id}").ToHashSet(), exchanges.Select(l => new Uri(l.Exchange!.Target!).AbsolutePath).ToHashSet());
    }

    [Fact]
    public async Task AThrowingEndpoint_MakesTheExchangeLineAnError_WithStatus500_AndTheDayEndsKO()
    {
        await using var host = await PublicApiHost.StartAsync();

        using var recorded = await host.Client.GetAsync(new Uri("api/sales/boom", UriKind.Relative));
        using var plain = await host.Client.GetAsync(new Uri("plain/sales/boom", UriKind.Relative));

        await AssertSameResponseAsync(plain, recorded);
        var exchange = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, exchange.Level);
        Assert.Equal(ErrorCategory.Technical, exchange.Category);
        Assert.Equal(500, exchange.Exchange!.StatusCode);
        Assert.StartsWith("GET /api/sales/boom -> 500 in ", exchange.Message, StringComparison.Ordinal);
        Assert.Contains("the sales cache is gone", exchange.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, exchange.Exception!.Type);

        // The exchange line is the first error; the call's own failure line reports the same exception after it.
        var errors = await host.LinesAsync(ExecutionLogLevel.Error);
        Assert.Equal(exchange.Sequence, errors[0].Sequence);
        Assert.StartsWith("GET /api/sales/boom: failed", errors[^1].Message, StringComparison.Ordinal);

        var day = await host.OnlyExecutionAsync();
        host.Time.Advance(TimeSpan.FromDays(1));
        await host.Daily.CloseEarlierDaysAsync("public-api");   // the host's own sweep may have closed it already
        Assert.Equal(ExecutionStatus.KO, (await host.Store.GetAsync(day.Id))!.Status);
    }

    [Fact]
    public async Task AnEndpointThrowingATypedException_WritesAnErrorOfThatCategory()
    {
        await using var host = await PublicApiHost.StartAsync();

        using var response = await host.Client.GetAsync(new Uri("api/sales/unmapped", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var exchange = await host.ExchangeLineAsync();
        Assert.Equal(ExecutionLogLevel.Error, exchange.Level);
        Assert.Equal(ErrorCategory.Mapping, exchange.Category);
        Assert.Equal(500, exchange.Exchange!.StatusCode);
    }

    [Fact]
    public async Task ALargeResponse_ReachesTheClientWhole_AndIsLoggedTruncated()
    {
        await using var host = await PublicApiHost.StartAsync();

        using var recorded = await host.Client.GetAsync(new Uri("api/sales/report", UriKind.Relative));
        using var plain = await host.Client.GetAsync(new Uri("plain/sales/report", UriKind.Relative));

        await AssertSameResponseAsync(plain, recorded);
        var body = (await host.ExchangeLineAsync()).Exchange!.ResponseBody!;
        Assert.Matches(@"^\[truncated: first \d+ of 100000 bytes\] r+$", body);
        Assert.True(body.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
    }

    [Fact]
    public async Task ABodyThatDoesNotBind_IsAMappingError_AndTheClientSeesTheSameAnswer()
    {
        await using var host = await PublicApiHost.StartAsync();

        using var recorded = await host.Client.PostAsync(new Uri("api/sales/", UriKind.Relative), new StringContent("{\"id\": \"not a number\"", Encoding.UTF8, "application/json"));
        using var plain = await host.Client.PostAsync(new Uri("plain/sales/", UriKind.Relative), new StringContent("{\"id\": \"not a number\"", Encoding.UTF8, "application/json"));

        await AssertSameResponseAsync(plain, recorded);
        Assert.Equal(HttpStatusCode.BadRequest, recorded.StatusCode);
        var error = Assert.Single(await host.LinesAsync(ExecutionLogLevel.Error));
        Assert.Equal(ErrorCategory.Mapping, error.Category);
        Assert.Equal(400, error.Exchange!.StatusCode);
        Assert.Equal("{\"id\": \"not a number\"", error.Exchange.RequestBody);
    }

    private static async Task AssertSameResponseAsync(HttpResponseMessage expected, HttpResponseMessage actual)
    {
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.Content.Headers.ContentType, actual.Content.Headers.ContentType);
        Assert.Equal(await expected.Content.ReadAsStringAsync(), await actual.Content.ReadAsStringAsync());
    }
}
