using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

/// <summary>
/// A day's calls and lines: what a call waits for, and the day's line cap across nodes. (Where two days meet and
/// while the store fails: <c>DayBoundaryScenarios</c>, run on every store.)
/// </summary>
public sealed class DayBoundaryTests
{
    // 2026-03-02 ends at 23:00 UTC in Berlin (CET).
    private static readonly DateTimeOffset BeforeMidnight = new(2026, 3, 2, 22, 59, 59, TimeSpan.Zero);

    private static Harness Create(DateTimeOffset start, IExecutionStore? store = null, FakeTimeProvider? time = null, Action<ExchangeCaptureOptions>? capture = null)
        => Harness.Create(
            x =>
            {
                x.AddRealTimeInterface("pricing-api", i => i.Type(InterfaceType.PublicWebServices).TimeZone("Europe/Berlin"));
                if (capture is not null)
                {
                    x.Services.Configure(capture);
                }
            },
            time: time ?? new FakeTimeProvider(start),
            store: store,
            withSales: false);

    [Fact]
    public async Task ACall_WaitsForNoneOfTheOtherCallsLines()
    {
        await using var memory = Harness.Create(withSales: false);
        var gated = new GatedStore(memory.Store, line => line.CorrelationId == "stalled");
        await using var h = Create(BeforeMidnight.AddHours(-1), store: gated);
        await h.Calls.CallAsync("pricing-api", "POST /orders", (call, _) =>
        {
            call.Log.Info("order 1 received");
            return Task.FromResult(1);
        }, new RealTimeCallOptions { CorrelationId = "stalled" }).WaitAsync(TimeSpan.FromSeconds(30));

        // The first call's lines are still held by the store: the next call must not wait for them.
        await h.Calls.CallAsync("pricing-api", "GET /prices/2", (_, _) => Task.FromResult(2)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, gated.Held);

        gated.Release();
        await h.StopHostAsync();
        var day = await h.Daily.GetCurrentAsync("pricing-api");
        Assert.Contains(await h.LinesAsync(day.Id), l => l.Message == "order 1 received");
    }

    [Fact]
    public async Task AFailingCall_WaitsForItsOwnErrorLines_SoItsFailurePointsAtItsFirstError()
    {
        await using var memory = Harness.Create(withSales: false);
        var gated = new GatedStore(memory.Store, line => line.IsError && line.Category == ErrorCategory.Mapping);
        await using var h = Create(BeforeMidnight.AddHours(-1), store: gated);
        var call = h.Calls.CallAsync("pricing-api", "GET /prices/1", (c, _) =>
        {
            c.Log.Error(ErrorCategory.Mapping, "price 1 has no currency");
            return Task.FromException<int>(new InvalidOperationException("no price"));
        });
        while (gated.Held == 0)
        {
            await Task.Yield();
        }

        Assert.False(call.IsCompleted);
        gated.Release();
        await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        await h.StopHostAsync();

        var day = await h.Daily.GetCurrentAsync("pricing-api");
        var errors = await h.LinesAsync(day.Id, ExecutionLogLevel.Error);
        Assert.Equal([ErrorCategory.Mapping, ErrorCategory.Cascade], errors.Select(e => e.Category!.Value));
        Assert.Equal(errors[0].Sequence, errors[1].CausedBy);
    }

    [Fact]
    public async Task TheDailyLineCap_HoldsAcrossNodes_AndNeverDropsErrors()
    {
        var time = new FakeTimeProvider(BeforeMidnight.AddHours(-1));
        await using var memory = Harness.Create(withSales: false);
        void Cap(ExchangeCaptureOptions o) => o.MaxLinesPerDailyExecution = 20;
        await using var a = Create(default, store: memory.Store, time: time, capture: Cap);
        await using var b = Create(default, store: memory.Store, time: time, capture: Cap);

        foreach (var node in new[] { a, b, a, b })
        {
            await node.Calls.CallAsync("pricing-api", "POST /batch", (call, _) =>
            {
                for (var i = 0; i < 8; i++)
                {
                    call.Log.Info($"record {i}");
                }

                call.Log.Error(ErrorCategory.Mapping, "record 9 has no price");
                return Task.FromResult(0);
            });
        }

        time.Advance(TimeSpan.FromHours(2));
        await a.Daily.GetCurrentAsync("pricing-api");
        await b.Daily.GetCurrentAsync("pricing-api");
        var monday = (await memory.ExecutionsAsync()).First();
        var lines = await memory.LinesAsync(monday.Id);

        // 4 calls × 9 lines (and a 'succeeded' line each) were written; the day keeps 20 lines, one more per node at most.
        Assert.InRange(lines.Count(l => l.Level == ExecutionLogLevel.Information), 17, 22);
        Assert.Equal(4, lines.Count(l => l.IsError));
        Assert.Contains(lines, l => l.Level == ExecutionLogLevel.Warning && l.Message.Contains("reached its cap of 20 lines", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == ExecutionLogLevel.Warning && l.Message.Contains("were dropped", StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.KO, (await memory.Store.GetAsync(monday.Id))!.Status);
    }
}
