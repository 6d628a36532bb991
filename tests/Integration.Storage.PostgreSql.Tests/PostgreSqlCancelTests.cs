using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A cancel asked on one host reaches the execution another host runs, through the shared database.</summary>
public sealed class PostgreSqlCancelTests : PostgresSchemaTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    [PostgresFact]
    public async Task CancelOnHostA_OfAnExecutionRunningOnHostB_EndsItCancelledWithinOneHeartbeat_WithTheActor()
    {
        var clock = new FakeTimeProvider(Start);
        var gate = new Gate();
        using var a = Build("node-a", clock, gate);
        using var b = Build("node-b", clock, gate);
        var operationsA = a.Services.GetRequiredService<IExecutionOperations>();
        var run = await b.Services.GetRequiredService<IExecutionOperations>().RunNowAsync("sales");
        await gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var outcome = await operationsA.CancelAsync(run.Id, "alice@example.com");
        clock.Advance(Heartbeat);
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CancelOutcome.Requested, outcome);
        Assert.True(await gate.SawCancellation.Task);
        var stored = (await operationsA.GetAsync(run.Id))!;
        Assert.Equal((ExecutionStatus.Cancelled, ExecutionReason.Cancelled, "node-b"), (stored.Status, stored.Reason, stored.NodeId));
        Assert.Equal(ended.Status, stored.Status);
        var line = Assert.Single(await operationsA.ReadLogAsync(run.Id, new LogQuery { MinLevel = ExecutionLogLevel.Warning }));
        Assert.StartsWith("Cancelled: alice@example.com asked at ", line.Message, StringComparison.Ordinal);
        Assert.Equal(CancelOutcome.NotPossible, await operationsA.CancelAsync(run.Id, "alice@example.com"));
    }

    private IHost Build(string nodeId, FakeTimeProvider clock, Gate gate)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(clock).AddSingleton(gate);
        builder.Services.AddExecutions(x =>
        {
            x.UsePostgreSqlStore(Schema.ConnectionString).Configure(o => o.NodeId = nodeId).ConfigureLeases(o => o.HeartbeatInterval = Heartbeat);
            x.AddScheduledInterface<UntilCancelled>("sales", i => i.Cron("0 * * * *"));
        });
        return builder.Build();
    }

    private sealed class Gate
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> SawCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class UntilCancelled(Gate gate) : IExternalInterface
    {
        public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            gate.Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                gate.SawCancellation.TrySetResult(cancellationToken.IsCancellationRequested);
            }
        }
    }
}
