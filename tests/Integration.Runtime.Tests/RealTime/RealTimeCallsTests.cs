using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class RealTimeCallsTests
{
    private static Harness Create() => Harness.Create(x => x.AddRealTimeInterface("pricing-api", i => i.Type(InterfaceType.PublicWebServices).Provider("Pricer", "help@pricer.example")), withSales: false);

    [Fact]
    public async Task SuccessfulCall_IsLoggedInTheDailyExecution_WithItsCorrelationIdAndDuration()
    {
        await using var h = Create();
        string? correlationId = null;

        var price = await h.Calls.CallAsync("pricing-api", "GET /prices/42", async (call, ct) =>
        {
            correlationId = call.CorrelationId;
            call.Log.Info("Asking the pricer");
            h.Time.Advance(TimeSpan.FromMilliseconds(120));
            await Task.Yield();
            return 42.5m;
        });

        var daily = await h.Daily.GetCurrentAsync("pricing-api");
        var lines = await h.LinesAsync(daily.Id);
        Assert.Equal(42.5m, price);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(correlationId, l.CorrelationId));
        Assert.Equal("Asking the pricer", lines[0].Message);
        Assert.Equal("GET /prices/42: succeeded in 120 ms", lines[1].Message);
        Assert.Equal(TimeSpan.FromMilliseconds(120), lines[1].Exchange!.Duration);
        Assert.Equal(InterfaceDirection.Outbound, lines[1].Exchange!.Direction);
        Assert.Equal("GET /prices/42", lines[1].Exchange!.Method);
    }

    [Fact]
    public async Task ACallThatLogsItsOutcome_GetsNoSucceededLine_ButAFailedOrCancelledOneStillGetsItsClosingLine()
    {
        await using var h = Create();
        var options = new RealTimeCallOptions { LogsOutcome = true };
        using var cancelled = new CancellationTokenSource();

        await h.Calls.CallAsync("pricing-api", "GET /prices/42", (call, _) =>
        {
            call.Log.Info("GET /prices/42 -> 200 in 0 ms");
            return Task.CompletedTask;
        }, options);
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Calls.CallAsync("pricing-api", "GET /prices/43", (_, _) => Task.FromException(new InvalidOperationException("no price")), options));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Calls.CallAsync("pricing-api", "GET /prices/44", async (_, ct) =>
        {
            await cancelled.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }, options, cancelled.Token));

        var daily = await h.Daily.GetCurrentAsync("pricing-api");
        var lines = await h.LinesAsync(daily.Id);
        Assert.Equal(
            ["GET /prices/42 -> 200 in 0 ms", "GET /prices/43: failed after 0 ms: no price", "GET /prices/44: cancelled by the caller after 0 ms"],
            lines.Select(l => l.Message));
    }

    [Fact]
    public async Task FailedCall_IsClassified_MakesTheDayKo_AndStillThrowsToTheCaller()
    {
        await using var h = Create();

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => h.Calls.CallAsync("pricing-api", "GET /prices/42", (_, _) =>
            Task.FromException(new HttpRequestException("Service Unavailable", null, System.Net.HttpStatusCode.ServiceUnavailable))));
        await h.Calls.CallAsync("pricing-api", "GET /prices/43", (_, _) => Task.CompletedTask);

        var daily = await h.Daily.GetCurrentAsync("pricing-api");
        var error = Assert.Single(await h.LinesAsync(daily.Id, ExecutionLogLevel.Error));
        Assert.Equal("Service Unavailable", thrown.Message);
        Assert.Equal(ErrorCategory.External, error.Category);
        Assert.StartsWith("GET /prices/42: failed after", error.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(HttpRequestException).FullName, error.Exception!.Type);
        Assert.NotNull(error.CorrelationId);
        var lines = await h.LinesAsync(daily.Id);
        Assert.NotEqual(error.CorrelationId, lines[^1].CorrelationId);

        h.Time.Advance(TimeSpan.FromDays(1));
        await h.Daily.CloseEarlierDaysAsync("pricing-api");
        Assert.Equal(ExecutionStatus.KO, (await h.Store.GetAsync(daily.Id))!.Status);
    }

    [Fact]
    public async Task CallFailingAfterItLoggedAnError_IsACascadeOfThatError()
    {
        await using var h = Create();

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Calls.CallAsync("pricing-api", "POST /orders", async (call, ct) =>
        {
            await call.Log.WriteAsync(new LogEntry { Level = ExecutionLogLevel.Error, Category = ErrorCategory.Mapping, Message = "Unknown product 'X'" }, ct);
            throw new InvalidOperationException("no order to send");
        }));

        var daily = await h.Daily.GetCurrentAsync("pricing-api");
        var errors = await h.LinesAsync(daily.Id, ExecutionLogLevel.Error);
        Assert.Equal([ErrorCategory.Mapping, ErrorCategory.Cascade], errors.Select(e => e.Category!.Value));
        Assert.Equal(errors[0].Sequence, errors[1].CausedBy);
        Assert.Equal(errors[0].CorrelationId, errors[1].CorrelationId);
    }

    [Fact]
    public async Task Call_UsesTheGivenCorrelationIdAndDirection_AndSetsTheCurrentExecution()
    {
        await using var h = Create();
        var accessor = h.Provider.GetRequiredService<IExecutionContextAccessor>();
        IExecutionContext? current = null;

        await h.Calls.CallAsync("pricing-api", "POST /api/sales", (call, _) =>
        {
            current = accessor.Current;
            return Task.CompletedTask;
        }, new RealTimeCallOptions { CorrelationId = "trace-1", Direction = InterfaceDirection.Inbound });

        var line = Assert.Single(await h.LinesAsync((await h.Daily.GetCurrentAsync("pricing-api")).Id));
        Assert.Equal("trace-1", line.CorrelationId);
        Assert.Equal(InterfaceDirection.Inbound, line.Exchange!.Direction);
        var call = Assert.IsAssignableFrom<IRealTimeCallContext>(current);
        Assert.Equal("trace-1", call.CorrelationId);
        Assert.Null(accessor.Current);
    }

    [Fact]
    public async Task Call_OnAScheduledInterface_IsRefused()
    {
        await using var h = Harness.Create();

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Calls.CallAsync("sales", "GET /", (_, _) => Task.CompletedTask));
    }
}
