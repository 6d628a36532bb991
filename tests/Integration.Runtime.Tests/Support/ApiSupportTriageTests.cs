using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class ApiSupportTriageTests
{
    public static TheoryData<string, bool, bool> TruthTable => new()
    {
        // type, all executions daily, expected
        { "ExternalSales", true, true },
        { "PublicWebServices", true, true },
        { "Exports", true, true },
        { "exports", true, true },
        { "Payments", true, false },
        { "ExternalSales", false, false },
        { "PublicWebServices", false, false },
        { "Exports", false, false },
        { "Payments", false, false },
    };

    [Theory]
    [MemberData(nameof(TruthTable))]
    public async Task ProbablyAnApiIntegration_IffAllExecutionsAreDaily_AndTheTypeIsAnApiSupportType(string type, bool allDaily, bool expected)
    {
        await using var h = Harness.Create(x => x.AddRealTimeInterface("api", i => i.Type(new InterfaceType(type)).Inbound()));
        var day = await Seed.ExecutionAsync(h.Store, "api", Harness.Start, ExecutionKind.Daily, lines: Seed.Error(ErrorCategory.External, "503", "call-1"));
        await Seed.ExecutionAsync(h.Store, "api", Harness.Start.AddDays(-1), ExecutionKind.Daily);
        if (!allDaily)
        {
            await Seed.ExecutionAsync(h.Store, "api", Harness.Start.AddDays(-2));
        }

        var d = await h.Provider.GetRequiredService<IExecutionSupport>().DiagnoseAsync(day.Id);

        Assert.Equal(expected, d.IsProbablyApiIntegration);
        Assert.Equal(expected, d.ToText().Contains("API support", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScheduledExecutionOfAnApiSupportType_IsNotAnApiIntegration()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", run => run.Log.Error(ErrorCategory.External, "503"));
        var ended = await h.RunNowAsync();

        var d = await h.Provider.GetRequiredService<IExecutionSupport>().DiagnoseAsync(ended.Id);

        Assert.False(d.IsProbablyApiIntegration);
    }

    [Fact]
    public async Task DailyExecution_ListsTheCallsThatProvokedErrors_AndWhetherTheHostWasCallerOrCallee()
    {
        await using var h = Harness.Create(x => x.AddRealTimeInterface("api", i => i.Type(InterfaceType.PublicWebServices).Inbound()));
        var day = await Seed.ExecutionAsync(
            h.Store,
            "api",
            Harness.Start,
            ExecutionKind.Daily,
            lines:
            [
                Seed.Info("POST /orders -> 200"),
                Seed.Error(ErrorCategory.Mapping, "Order 7: unknown event code", "call-a"),
                Seed.Error(ErrorCategory.External, "Partner callback answered 500", "call-b", new ExchangeDetails { Direction = InterfaceDirection.Outbound, Method = "POST" }),
                Seed.Error(ErrorCategory.Mapping, "Order 7: unknown seat", "call-a"),
                Seed.Error(ErrorCategory.Technical, "Not tied to a call"),
            ]);

        var d = await h.Provider.GetRequiredService<IExecutionSupport>().DiagnoseAsync(day.Id);

        Assert.Equal(2, d.FailedCallCount);
        Assert.Equal(
            [new FailedCall("call-a", InterfaceDirection.Inbound, 2, Harness.Start, "Order 7: unknown event code", 2), new FailedCall("call-b", InterfaceDirection.Outbound, 3, Harness.Start, "Partner callback answered 500", 1)],
            d.FailedCalls);
        Assert.False(d.FailedCalls[0].HostWasCaller);
        Assert.True(d.FailedCalls[1].HostWasCaller);
        var text = d.ToText();
        Assert.Contains("call-a: the external system called the host; 2 error(s)", text, StringComparison.Ordinal);
        Assert.Contains("call-b: the host called the external system", text, StringComparison.Ordinal);
    }
}
