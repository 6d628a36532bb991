using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>Operator actions asked on one host, on an execution another host runs, recorded once for both to read.</summary>
public sealed class PostgreSqlActionTests : PostgresSchemaTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    [PostgresFact]
    public async Task RunNowOnB_CancelAndExportOnA_AreRecordedInOrder_AndBothHostsReadThemAndThePendingCancelRequest()
    {
        var clock = new FakeTimeProvider(Start);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = Build("node-a", clock, started);
        using var b = Build("node-b", clock, started);
        var operationsA = a.Services.GetRequiredService<IExecutionOperations>();
        var operationsB = b.Services.GetRequiredService<IExecutionOperations>();
        var run = await operationsB.RunNowAsync("sales", "bob");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CancelOutcome.Requested, await operationsA.CancelAsync(run.Id, "alice"));
        var running = await operationsB.GetAsync(run.Id);
        Assert.Equal(ExecutionStatus.Running, running.Status);
        Assert.Equal("alice", running.CancelRequest?.RequestedBy);
        clock.Advance(Heartbeat);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        using var export = new MemoryStream();
        await a.Services.GetRequiredService<IExecutionSupport>().ExportAsync(run.Id, ExportFormats.Json, export, "carol");

        var actions = await operationsB.GetActionsAsync(run.Id);
        Assert.Equal(
            [(ExecutionActionKind.RunNow, "bob", null), (ExecutionActionKind.Cancel, "alice", "requested"), (ExecutionActionKind.Export, "carol", "json")],
            actions.Select(x => (x.Kind, x.Actor, x.Detail)));
        Assert.True(actions[0].At <= actions[1].At && actions[1].At <= actions[2].At);
        var lines = await operationsB.ReadLogAsync(run.Id, new LogQuery());
        Assert.Equal("Run now by bob", lines[0].Message);
        Assert.Equal("Exported as json by carol", lines[^1].Message);
        var text = (await b.Services.GetRequiredService<IExecutionSupport>().DiagnoseAsync(run.Id)).ToText();
        Assert.Contains("run now by bob", text, StringComparison.Ordinal);
        Assert.Contains("cancel asked (requested) by alice", text, StringComparison.Ordinal);
        Assert.Contains("exported as json by carol", text, StringComparison.Ordinal);
    }

    private IHost Build(string nodeId, FakeTimeProvider clock, TaskCompletionSource started)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(clock).AddSingleton(started);
        builder.Services.AddExecutions(x =>
        {
            x.UsePostgreSqlStore(Schema.ConnectionString).Configure(o => o.NodeId = nodeId).ConfigureLeases(o => o.HeartbeatInterval = Heartbeat);
            x.AddScheduledInterface<UntilCancelled>("sales", i => i.Cron("0 * * * *"));
        });
        return builder.Build();
    }

    private sealed class UntilCancelled(TaskCompletionSource started) : IExternalInterface
    {
        public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
