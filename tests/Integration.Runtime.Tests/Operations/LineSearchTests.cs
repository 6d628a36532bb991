using Integration.Tests.Support;

namespace Integration.Tests;

/// <summary>Support finds one call's lines, or one business id's, wherever they were logged: a daily execution or a scheduled run.</summary>
public sealed class LineSearchTests
{
    private static Harness Create(ConnectorScripts scripts)
        => Harness.Create(x => x.AddRealTimeInterface("pricing-api", i => i.Type(InterfaceType.PublicWebServices).Provider("Pricer", "help@pricer.example")), scripts: scripts);

    [Fact]
    public async Task LookupByCorrelationId_ReturnsTheCallsLines_FromADailyExecutionAndAScheduledOne()
    {
        var scripts = new ConnectorScripts().Set("sales", async (run, ct) =>
        {
            await run.Log.WriteAsync(new LogEntry { Level = ExecutionLogLevel.Information, Message = "Pushing order ORD-7 to FNAC", CorrelationId = "trace-7" }, ct);
            run.Log.Info("Nothing else to push");
        });
        await using var h = Create(scripts);
        await h.Calls.CallAsync("pricing-api", "POST /orders/ORD-7", (call, _) =>
        {
            call.Log.Info("Order ORD-7 received");
            return Task.CompletedTask;
        }, new RealTimeCallOptions { CorrelationId = "trace-7", Direction = InterfaceDirection.Inbound });
        await h.Calls.CallAsync("pricing-api", "POST /orders/ORD-8", (_, _) => Task.CompletedTask, new RealTimeCallOptions { CorrelationId = "trace-8" });
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var run = await (await h.Operations.RunNowAsync("sales")).Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var daily = await h.Daily.GetCurrentAsync("pricing-api");

        var page = await h.Operations.SearchLinesAsync(new LineSearch { CorrelationId = "trace-7" });

        Assert.Null(page.Next);
        Assert.Equal(
            [
                (run.Id, "sales", ExecutionKind.Scheduled, "Pushing order ORD-7 to FNAC"),
                (daily.Id, "pricing-api", ExecutionKind.Daily, "POST /orders/ORD-7: succeeded in 0 ms"),
                (daily.Id, "pricing-api", ExecutionKind.Daily, "Order ORD-7 received"),
            ],
            page.Items.Select(m => (m.ExecutionId, m.InterfaceId, m.Kind, m.Line.Message)));
        Assert.Equal(ExecutionStatus.OK, run.Status);
    }

    [Fact]
    public async Task LookupByBusinessId_FindsItsWordsInEveryInterface_AndTheInterfaceFilterNarrowsIt()
    {
        var scripts = new ConnectorScripts().Set("sales", run => run.Log.Info("Order ord-7 pushed to FNAC"));
        await using var h = Create(scripts);
        await h.Calls.CallAsync("pricing-api", "GET /prices", (call, _) =>
        {
            call.Log.Info("Pricing ORD-7");
            return Task.CompletedTask;
        });
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await (await h.Operations.RunNowAsync("sales")).Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var everywhere = await h.Operations.SearchLinesAsync(new LineSearch { Text = "ORD-7" });
        var ofSales = await h.Operations.SearchLinesAsync(new LineSearch { Text = "ORD-7", InterfaceId = "sales" });

        Assert.Equal(["Order ord-7 pushed to FNAC", "Pricing ORD-7"], everywhere.Items.Select(m => m.Line.Message));
        Assert.Equal(["Order ord-7 pushed to FNAC"], ofSales.Items.Select(m => m.Line.Message));
    }

    [Fact]
    public async Task Lookup_WithNothingToFind_IsRefusedNamingTheProblem()
    {
        await using var h = Create(new ConnectorScripts());

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await h.Operations.SearchLinesAsync(new LineSearch { InterfaceId = "sales" }));

        Assert.Contains("needs a correlation id or a text", error.Message, StringComparison.Ordinal);
    }
}
