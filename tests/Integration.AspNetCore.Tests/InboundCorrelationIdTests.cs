using System.Text.RegularExpressions;

namespace Integration.AspNetCore.Tests;

/// <summary>
/// The correlation id of an inbound call is ours: a client's trace headers, however hostile, give at most a valid
/// W3C trace id; never control characters, a megabyte, or an id every call would share.
/// </summary>
public sealed partial class InboundCorrelationIdTests
{
    public static TheoryData<string, string> HostileHeaders => new()
    {
        { "Request-Id", "|evil\u0001id." },
        { "Request-Id", "|" + new string('r', 8_000) + "." },
        { "traceparent", "00-" + new string('z', 32) + "-0000000000000001-01" },
        { "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nX-Forged: 1" },
        { "X-Correlation-Id", new string('c', 8_000) },
        { "X-Correlation-Id", "abc def; forged=1" },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public async Task AHostileTraceHeader_NeverBecomesTheCorrelationId(string header, string value)
    {
        await using var host = await PublicApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/sales/42");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await host.Client.SendAsync(request);

        var line = await host.ExchangeLineAsync();
        Assert.Matches(Token(), line.CorrelationId);
        Assert.DoesNotContain("evil", line.CorrelationId!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoCallsWithAHierarchicalRequestId_GetTwoCorrelationIds()
    {
        await using var host = await PublicApiHost.StartAsync();
        foreach (var id in new[] { "|a.", "|b." })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/sales/42");
            request.Headers.TryAddWithoutValidation("Request-Id", id);
            using var response = await host.Client.SendAsync(request);
        }

        var ids = (await host.LinesAsync()).Where(l => l.Exchange?.Target is not null).Select(l => l.CorrelationId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(Token(), id));
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Token();
}
