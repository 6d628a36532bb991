using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class ExecutionRunnerTests
{
    [Fact]
    public async Task Run_WithoutErrors_EndsOk_AndKeepsTheConnectorsLinesInOrder()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", run =>
        {
            run.Log.Info("Fetching sales");
            run.Log.Debug("3 sales");
            run.Log.Warning("1 sale without a store code");
        });

        var ended = await h.RunNowAsync();

        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Equal(ExecutionReason.None, ended.Reason);
        Assert.Equal(0, ended.Errors.Total);
        Assert.Equal(Harness.Start, ended.EndedAt);
        var lines = await h.LinesAsync(ended.Id);
        Assert.Equal(["Fetching sales", "3 sales", "1 sale without a store code"], lines.Select(l => l.Message));
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.Sequence));
        Assert.All(lines, l => Assert.Null(l.Category));
    }

    [Fact]
    public async Task Run_WhenTheConnectorThrows_EndsKo_WithOneClassifiedErrorLine()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));

        var ended = await h.RunNowAsync();

        Assert.Equal(ExecutionStatus.KO, ended.Status);
        Assert.Equal(ExecutionReason.Error, ended.Reason);
        Assert.Equal(1, ended.Errors.External);
        var error = Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error));
        Assert.Equal(ErrorCategory.External, error.Category);
        Assert.Contains("FNAC answered 503", error.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(ExternalSystemException).FullName, error.Exception?.Type);
    }

    [Fact]
    public async Task Run_WithALoggedErrorAndNoException_EndsKo()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", run => run.Log.Error(ErrorCategory.Mapping, "Unknown store code 'X12'"));

        var ended = await h.RunNowAsync();

        Assert.Equal(ExecutionStatus.KO, ended.Status);
        Assert.Equal(ExecutionReason.Error, ended.Reason);
        Assert.Equal(new ErrorCounts(0, 0, 1, 0, 0), ended.Errors);
    }

    [Fact]
    public async Task Run_GivesTheConnectorItsOwnScope_AndTheExecutionsWindow()
    {
        await using var h = Harness.Create();
        IExecutionContext? seen = null;
        h.Scripts.Set("sales", run => seen = run);

        var ended = await h.RunNowAsync();

        Assert.NotNull(seen);
        Assert.Equal(ended.Id, seen.Execution.Id);
        Assert.Equal(ended.Window, seen.Window);
        Assert.Equal("sales", seen.Interface.Id);
        Assert.NotSame(h.Provider, seen.Services);
    }

    [Fact]
    public async Task Run_RecordsStartAndEndMetrics_ByStatus()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (_, _) => throw new MappingException("bad"));

        await h.RunNowAsync();

        Assert.Equal(1, h.Metrics.Sum("integration.execution.started"));
        Assert.Equal(1, h.Metrics.Sum("integration.execution.ended", "integration.status", "KO"));
        Assert.Equal(1, h.Metrics.Sum("integration.execution.errors", "integration.error.category", "Mapping"));
        Assert.Equal(1, h.Metrics.Count("integration.execution.duration"));
    }

    [Fact]
    public async Task Accessor_GivesTheRunningExecution_InsideTheConnectorOnly()
    {
        await using var h = Harness.Create();
        var accessor = h.Provider.GetRequiredService<IExecutionContextAccessor>();
        ExecutionId? inside = null;
        h.Scripts.Set("sales", async (run, ct) =>
        {
            await Task.Yield();
            inside = accessor.Current?.Execution.Id;
        });

        var ended = await h.RunNowAsync();

        Assert.Equal(ended.Id, inside);
        Assert.Null(accessor.Current);
    }

    [Fact]
    public async Task LinesTheStoreFailedToRecord_EndTheExecutionKo_WithATechnicalLineSayingSo()
    {
        await using var memory = Harness.Create();
        var flaky = new FlakyStore(memory.Store, line => line.Message.StartsWith("lost", StringComparison.Ordinal));
        await using var h = Harness.Create(store: flaky);
        h.Scripts.Set("sales", run =>
        {
            run.Log.Info("kept 1");
            run.Log.Info("lost 2");
            run.Log.Info("kept 3");
        });

        var ended = await h.RunNowAsync();

        Assert.Equal(ExecutionStatus.KO, ended.Status);
        var lines = await h.LinesAsync(ended.Id);
        Assert.Equal(["kept 1", "kept 3"], lines.Take(2).Select(l => l.Message));
        var error = Assert.Single(lines, l => l.IsError);
        Assert.Equal(ErrorCategory.Technical, error.Category);
        Assert.Contains("failed to record 1 line(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the database went away", error.Message, StringComparison.Ordinal);
    }
}
