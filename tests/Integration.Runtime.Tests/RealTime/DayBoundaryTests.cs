using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

/// <summary>The record of a day stays honest where two days meet, while the store fails, and across nodes.</summary>
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
    public async Task ACallInFlightAtMidnight_FailingAfterTheNextDaysFirstCall_TurnsYesterdayKo()
    {
        await using var h = Create(BeforeMidnight);
        var started = new TaskCompletionSource();
        var fail = new TaskCompletionSource();
        var late = h.Calls.CallAsync("pricing-api", "GET /prices/1", async (_, _) =>
        {
            started.SetResult();
            await fail.Task;
            throw new ExternalSystemException("pricing answered 503");
        });
        await started.Task;
        var monday = await h.Daily.GetCurrentAsync("pricing-api");

        h.Time.Advance(TimeSpan.FromSeconds(2));
        await h.Calls.CallAsync("pricing-api", "GET /prices/2", (_, _) => Task.FromResult(2));
        Assert.Equal(ExecutionStatus.OK, (await h.Store.GetAsync(monday.Id))!.Status);

        fail.SetResult();
        await Assert.ThrowsAsync<ExternalSystemException>(() => late);
        await h.StopHostAsync();

        var closed = (await h.Store.GetAsync(monday.Id))!;
        Assert.Equal(ExecutionStatus.KO, closed.Status);
        Assert.Equal(ExecutionReason.Error, closed.Reason);
        Assert.Equal(1, closed.Errors.External);
        await AssertNoEndedExecutionIsOkWithAnErrorAsync(h);
    }

    [Fact]
    public async Task AStoreFailingDuringTheDay_EndsTheDayKo_WithTheLostLineCount()
    {
        await using var memory = Harness.Create(withSales: false);
        var failing = false;
        var flaky = new FlakyStore(memory.Store, _ => Volatile.Read(ref failing));
        await using var h = Create(BeforeMidnight.AddHours(-1), store: flaky);
        await h.Calls.CallAsync("pricing-api", "GET /prices/1", (_, _) => Task.FromResult(1));
        var monday = await h.Daily.GetCurrentAsync("pricing-api");

        Volatile.Write(ref failing, true);
        await h.Calls.CallAsync("pricing-api", "GET /prices/2", (_, _) => Task.FromResult(2));
        await h.Calls.CallAsync("pricing-api", "GET /prices/3", (_, _) => Task.FromResult(3));
        Volatile.Write(ref failing, false);

        h.Time.Advance(TimeSpan.FromHours(2));
        await h.Calls.CallAsync("pricing-api", "GET /prices/4", (_, _) => Task.FromResult(4));

        var closed = (await h.Store.GetAsync(monday.Id))!;
        Assert.Equal(ExecutionStatus.KO, closed.Status);
        var error = Assert.Single(await h.LinesAsync(monday.Id, ExecutionLogLevel.Error));
        Assert.Equal(ErrorCategory.Technical, error.Category);
        Assert.Contains("failed to record 2 line(s)", error.Message, StringComparison.Ordinal);
    }

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

    private static async Task AssertNoEndedExecutionIsOkWithAnErrorAsync(Harness h)
    {
        foreach (var execution in await h.ExecutionsAsync(e => e.Status == ExecutionStatus.OK))
        {
            Assert.Empty(await h.LinesAsync(execution.Id, ExecutionLogLevel.Error));
        }
    }
}
