using System.Text.Json;
using Integration.Storage.Conformance;
using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

/// <summary>The audit of operator actions on executions: recorded where the action happens, read without the log, shown by the diagnosis.</summary>
public sealed class OperatorActionTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    private static Harness Node(string nodeId, Harness? sharing = null, IExecutionStore? store = null) => Harness.Create(
        x => x.Configure(o => o.NodeId = nodeId).ConfigureLeases(o => o.HeartbeatInterval = Heartbeat),
        time: sharing?.Time,
        store: store ?? sharing?.Store);

    private static IExecutionSupport Support(Harness h) => h.Provider.GetRequiredService<IExecutionSupport>();

    private static TaskCompletionSource RunsUntilCancelled(Harness h)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        return started;
    }

    [Fact]
    public async Task RunNow_ByAnActor_RecordsTheAction_WritesTheLine_AndTheDiagnosisListsIt()
    {
        await using var h = Node("node-a");

        var run = await h.Operations.RunNowAsync("sales", "alice@example.com");
        await run.Completion;

        var action = Assert.Single(await h.Operations.GetActionsAsync(run.Id));
        Assert.Equal(new ExecutionAction(run.Id, ExecutionActionKind.RunNow, Harness.Start, "alice@example.com", null), action);
        Assert.Equal("Run now by alice@example.com", (await h.LinesAsync(run.Id))[0].Message);
        var diagnosis = await Support(h).DiagnoseAsync(run.Id);
        Assert.Equal([action], diagnosis.Actions);
        Assert.Contains("Operator actions:\n  2026-03-02 09:30:00.000 UTC run now by alice@example.com\n", diagnosis.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_ByAnActor_RecordsTheActionOnTheNewExecution_WithTheOriginalsId()
    {
        await using var h = Node("node-a");
        var original = await h.RunNowAsync();

        var rerun = await h.Operations.RerunAsync(original.Id, "bob");
        await rerun.Completion;

        var action = Assert.Single(await h.Operations.GetActionsAsync(rerun.Id));
        Assert.Equal((ExecutionActionKind.Rerun, "bob", original.Id.ToString()), (action.Kind, action.Actor, action.Detail));
        Assert.Empty(await h.Operations.GetActionsAsync(original.Id));
        Assert.Contains($"re-run of {original.Id} by bob", (await Support(h).DiagnoseAsync(rerun.Id)).ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_OnTheOwningNode_RecordsADeliveredCancel()
    {
        await using var h = Node("node-a");
        var started = RunsUntilCancelled(h);
        var run = await h.Operations.RunNowAsync("sales", "alice");
        await started.Task;

        Assert.Equal(CancelOutcome.Delivered, await h.Operations.CancelAsync(run.Id, "bob"));
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var actions = await h.Operations.GetActionsAsync(run.Id);
        Assert.Equal(
            [(ExecutionActionKind.RunNow, "alice", null), (ExecutionActionKind.Cancel, "bob", "delivered")],
            actions.Select(a => (a.Kind, a.Actor, a.Detail)));
        var text = (await Support(h).DiagnoseAsync(run.Id)).ToText();
        Assert.Contains("run now by alice\n", text, StringComparison.Ordinal);
        Assert.Contains("cancel asked (delivered) by bob\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_OnAnotherNode_IsRecorded_AndTheRunningExecutionShowsItsCancelRequest_UntilItsNodeActs()
    {
        await using var a = Node("node-a");
        await using var b = Node("node-b", sharing: a);
        var started = RunsUntilCancelled(b);
        var run = await b.Operations.RunNowAsync("sales");
        await started.Task;

        Assert.Equal(CancelOutcome.Requested, await a.Operations.CancelAsync(run.Id, "alice"));

        var running = await a.Operations.GetAsync(run.Id);
        Assert.Equal(ExecutionStatus.Running, running.Status);
        Assert.Equal(new CancelRequest("alice", Harness.Start), running.CancelRequest);
        var text = (await Support(a).DiagnoseAsync(run.Id)).ToText();
        Assert.Contains("Cancel requested by alice at 2026-03-02 09:30:00.000 UTC: its node cancels it at its next heartbeat.", text, StringComparison.Ordinal);
        Assert.Contains("cancel asked (requested) by alice", text, StringComparison.Ordinal);
        var action = Assert.Single(await b.Operations.GetActionsAsync(run.Id));
        Assert.Equal((ExecutionActionKind.Cancel, "alice", "requested"), (action.Kind, action.Actor, action.Detail));

        a.Time.Advance(Heartbeat);
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Assert.DoesNotContain("Cancel requested by", (await Support(a).DiagnoseAsync(run.Id)).ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ThatWasNotPossible_RecordsNothing()
    {
        await using var h = Node("node-a");
        var ended = await h.RunNowAsync();

        Assert.Equal(CancelOutcome.NotPossible, await h.Operations.CancelAsync(ended.Id, "alice"));

        Assert.Empty(await h.Operations.GetActionsAsync(ended.Id));
    }

    [Theory]
    [InlineData(ExportFormats.Csv)]
    [InlineData(ExportFormats.Json)]
    public async Task Export_ByAnActor_RecordsTheFormat_AndAppendsALateLine_AfterTheExportWasWritten(string format)
    {
        await using var h = Node("node-a");
        var ended = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        using var destination = new MemoryStream();

        await Support(h).ExportAsync(ended.Id, format, destination, "carol");

        var action = Assert.Single(await h.Operations.GetActionsAsync(ended.Id));
        Assert.Equal(new ExecutionAction(ended.Id, ExecutionActionKind.Export, Harness.Start.AddMinutes(5), "carol", format), action);
        var last = (await h.LinesAsync(ended.Id))[^1];
        Assert.Equal($"Exported as {format} by carol", last.Message);
        Assert.Equal(ExecutionLogLevel.Information, last.Level);
        Assert.DoesNotContain("Exported as", System.Text.Encoding.UTF8.GetString(destination.ToArray()), StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.OK, (await h.Store.GetAsync(ended.Id))!.Status);
        Assert.Contains($"exported as {format} by carol", (await Support(h).DiagnoseAsync(ended.Id)).ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AsJson_HoldsTheActionsRecordedBefore()
    {
        await using var h = Node("node-a");
        var run = await h.Operations.RunNowAsync("sales", "alice");
        await run.Completion;
        using var destination = new MemoryStream();

        await Support(h).ExportAsync(run.Id, ExportFormats.Json, destination, "carol");

        using var json = JsonDocument.Parse(destination.ToArray());
        var executions = json.RootElement.GetProperty("executions");
        var action = Assert.Single(executions[0].GetProperty("diagnosis").GetProperty("actions").EnumerateArray().ToList());
        Assert.Equal("RunNow", action.GetProperty("kind").GetString());
        Assert.Equal("alice", action.GetProperty("actor").GetString());
        Assert.Equal(2, (await h.Operations.GetActionsAsync(run.Id)).Count);
    }

    [Fact]
    public async Task Export_OfAnAbandonedExecution_RecordsTheAction_ButItsFencedLogTakesNoLine()
    {
        await using var h = Node("node-a");
        var execution = new Execution
        {
            Id = ExecutionId.New(Harness.Start),
            InterfaceId = "sales",
            ScheduleId = "sales",
            Trigger = ExecutionTrigger.Schedule,
            Window = new ExecutionWindow(Harness.Start.AddHours(-2), Harness.Start),
            StartedAt = Harness.Start,
            NodeId = "dead-node",
        };
        await h.Store.CreateAsync(execution);
        await h.Store.AppendAsync(execution.Id, new LogEntry { Time = Harness.Start, Level = ExecutionLogLevel.Information, Message = "last words" });
        Assert.Equal(1, await h.Store.AbandonExpiredAsync(TimeSpan.Zero));
        using var destination = new MemoryStream();

        await Support(h).ExportAsync(execution.Id, ExportFormats.Csv, destination, "carol");

        Assert.Equal(ExecutionActionKind.Export, Assert.Single(await h.Operations.GetActionsAsync(execution.Id)).Kind);
        Assert.Equal(["last words"], (await h.LinesAsync(execution.Id)).Select(l => l.Message));
        Assert.Equal(ExecutionStatus.Abandoned, (await h.Store.GetAsync(execution.Id))!.Status);
    }

    [Fact]
    public async Task ExportMany_AndExportMatching_ByAnActor_RecordTheExportOnEachExecution()
    {
        await using var h = Node("node-a");
        var first = await h.RunNowAsync();
        var second = await h.RunNowAsync();
        using var destination = new MemoryStream();

        await Support(h).ExportManyAsync([first.Id, second.Id], ExportFormats.Csv, destination, "dave");
        var matched = await Support(h).ExportMatchingAsync(new ExecutionQuery { InterfaceId = "sales" }, ExportFormats.Json, destination, "erin");

        Assert.Equal(2, matched);
        foreach (var id in new[] { first.Id, second.Id })
        {
            Assert.Equal([("dave", "csv"), ("erin", "json")], (await h.Operations.GetActionsAsync(id)).Select(a => (a.Actor, a.Detail)));
        }
    }

    [Fact]
    public async Task AnActorWithControlCharacters_OrOverLong_IsRecordedEscaped_AndCut()
    {
        await using var h = Node("node-a");
        var raw = "eve\u001b[2J\r\nRun now by admin" + new string('x', 500);

        var run = await h.Operations.RunNowAsync("sales", raw);
        await run.Completion;

        var actor = Assert.Single(await h.Operations.GetActionsAsync(run.Id)).Actor!;
        Assert.Equal(OperatorText.Clean(raw), actor);
        Assert.Equal(OperatorText.MaxLength, actor.Length);
        Assert.DoesNotContain(actor, char.IsControl);
        Assert.StartsWith("eve", actor, StringComparison.Ordinal);
        Assert.Equal($"Run now by {actor}", (await h.LinesAsync(run.Id))[0].Message);
        Assert.DoesNotContain((await Support(h).DiagnoseAsync(run.Id)).ToText().Split('\n'), l => l.StartsWith("Run now by admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANullOrBlankActor_IsRecordedAsUnnamed()
    {
        await using var h = Node("node-a");

        var run = await h.Operations.RunNowAsync("sales", actor: "  ");
        await run.Completion;

        Assert.Null(Assert.Single(await h.Operations.GetActionsAsync(run.Id)).Actor);
        Assert.Equal("Run now by an unnamed operator", (await h.LinesAsync(run.Id))[0].Message);
        Assert.Contains("run now by an unnamed operator", (await Support(h).DiagnoseAsync(run.Id)).ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOverloadsWithoutAnActor_AreAHostsOwnCalls_AndRecordNothing()
    {
        await using var h = Node("node-a");
        var started = RunsUntilCancelled(h);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;
        Assert.True(await h.Operations.CancelAsync(run.Id));
        var cancelled = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        h.Scripts.Set("sales", _ => { });
        var rerun = await h.Operations.RerunAsync(cancelled.Id);
        await rerun.Completion;
        using var destination = new MemoryStream();
        await Support(h).ExportAsync(cancelled.Id, ExportFormats.Csv, destination);

        Assert.Empty(await h.Operations.GetActionsAsync(cancelled.Id));
        Assert.Empty(await h.Operations.GetActionsAsync(rerun.Id));
        Assert.DoesNotContain(await h.LinesAsync(cancelled.Id), l => l.Message.StartsWith("Exported", StringComparison.Ordinal));
        Assert.DoesNotContain("Operator actions", (await Support(h).DiagnoseAsync(cancelled.Id)).ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetActions_RefusesALimitOutOfRange_AndAnUnknownExecution()
    {
        await using var h = Node("node-a");
        var ended = await h.RunNowAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await h.Operations.GetActionsAsync(ended.Id, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await h.Operations.GetActionsAsync(ended.Id, 1001));
        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await h.Operations.GetActionsAsync(ExecutionId.New(Harness.Start)));
    }

    [Fact]
    public async Task AStoreFailingToRecordTheAction_DoesNotUndoIt_TheRunStartsAndLogsWhoAsked()
    {
        await using var memory = Harness.Create();
        await using var h = Node("node-a", store: new AuditFailingStore(memory.Store));

        var run = await h.Operations.RunNowAsync("sales", "alice");
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Equal("Run now by alice", (await h.LinesAsync(run.Id))[0].Message);
        Assert.Empty(await h.Operations.GetActionsAsync(run.Id));
    }

    private sealed class AuditFailingStore(IExecutionStore inner) : DelegatingStore(inner)
    {
        public override ValueTask<ExecutionAction> RecordExecutionActionAsync(ExecutionId executionId, ExecutionActionKind kind, string? actor, string? detail, CancellationToken cancellationToken = default)
            => ValueTask.FromException<ExecutionAction>(new IOException("the database went away"));
    }
}
