using Integration.Storage.Conformance;
using Integration.Tests.Support;

namespace Integration.Tests;

/// <summary>The execution log under concurrent writers and a slow store: order of errors, bounded memory, nothing lost silently.</summary>
public sealed class ExecutionLogTests
{
    [Fact]
    public async Task UnderConcurrentWriters_TheFirstErrorGetsALowerSequenceThanTheCascadeThatFollowsIt()
    {
        await using var memory = Harness.Create();
        var store = new StallingStore(memory.Store);
        await using var h = Harness.Create(store: store);
        Thread? cascadeWriter = null;
        h.Scripts.Set("sales", run =>
        {
            // The first error's append stalls inside the store; meanwhile another thread writes a cascade.
            store.OnFirstError = () =>
            {
                cascadeWriter = new Thread(() => run.Log.Cascade("follows the first error"));
                cascadeWriter.Start();
                SpinWait.SpinUntil(() => !cascadeWriter.IsAlive || (cascadeWriter.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(10));
            };
            run.Log.Error(ErrorCategory.External, "FNAC answered 503");
            cascadeWriter!.Join();
        });

        var ended = await h.RunNowAsync();

        var errors = await h.LinesAsync(ended.Id, ExecutionLogLevel.Error);
        Assert.Equal([ErrorCategory.External, ErrorCategory.Cascade], errors.Select(e => e.Category!.Value));
        Assert.True(errors[0].Sequence < errors[1].Sequence);
    }

    [Fact]
    public async Task ALineTheStoreAppendsAtOnce_AllocatesNothingButItsOwnStorage()
    {
        const int Lines = 4096;
        await using var h = Harness.Create();
        var messages = Enumerable.Range(0, Lines).Select(i => $"Fetched page {i} of the sales").ToArray();
        long allocated = 0;
        h.Scripts.Set("sales", run =>
        {
            run.Log.Info("warming up");
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var message in messages)
            {
                run.Log.Info(message);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        var ended = await h.RunNowAsync();

        // The in-memory store keeps each line in a slot of a chunk of 1,024 (the entry and its published flag): that is
        // the line's own storage. Anything per line beyond it (a closure, a task, a boxed value) would exceed the bound.
        var storage = (Lines + 1024) * (System.Runtime.CompilerServices.Unsafe.SizeOf<LogEntry>() + 1);
        Assert.InRange(allocated, 0, storage + 8192);
        Assert.Equal(Lines + 1, (await h.LinesAsync(ended.Id)).Count(l => l.Message.StartsWith("Fetched page", StringComparison.Ordinal) || l.Message == "warming up"));
    }

    [Fact]
    public async Task AStalledStore_KeepsAtMostTheBoundOfLinesWaiting_DropsAndCountsTheRest_AndKeepsEveryError()
    {
        const int Lines = ExecutionLog.MaxPendingLines + 2_000;
        await using var memory = Harness.Create();
        var gated = new GatedStore(memory.Store, _ => true);
        await using var h = Harness.Create(store: gated);
        var written = new TaskCompletionSource();
        h.Scripts.Set("sales", run =>
        {
            for (var i = 0; i < Lines; i++)
            {
                run.Log.Info($"record {i}");
                if (i % 3_000 == 0)
                {
                    run.Log.Error(ErrorCategory.Mapping, $"record {i} has no price");
                }
            }

            written.SetResult();
        });

        var started = await h.Operations.RunNowAsync("sales");
        await written.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var errorsWritten = ((Lines - 1) / 3_000) + 1;

        // What waits for the store: the bound, plus the errors (never dropped) and the one warning that says so.
        Assert.InRange(gated.Held, ExecutionLog.MaxPendingLines, ExecutionLog.MaxPendingLines + errorsWritten + 1);
        gated.Release();
        var ended = await started.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var lines = new List<LogEntry>();
        await foreach (var page in h.Store.ReadLogPagesAsync(ended.Id, ExecutionLogLevel.Debug))
        {
            lines.AddRange(page);
        }

        Assert.Equal(errorsWritten, lines.Count(l => l.IsError));
        var kept = lines.Count(l => l.Level == ExecutionLogLevel.Information);
        var count = Assert.Single(lines, l => l.Message.EndsWith("line(s) were dropped while the store could not keep up (errors are always kept).", StringComparison.Ordinal));
        Assert.Equal(Lines, kept + int.Parse(count.Message.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(lines, l => l.Message.StartsWith("The execution store is not keeping up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PendingAppends_KeepNothingOnceAppended_AndAFlushNeverWaitsForLaterAppends()
    {
        var pending = new PendingAppends();
        var gates = Enumerable.Range(0, 1_000).Select(_ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        foreach (var gate in gates)
        {
            _ = pending.Track(() => gate.Task);
        }

        Assert.Equal(1_000, pending.Count);
        var flush = pending.FlushAsync(CancellationToken.None);
        var later = new TaskCompletionSource<long>();
        _ = pending.Track(() => later.Task);
        for (var i = 0; i < gates.Length; i++)
        {
            gates[i].SetResult(i + 1);
        }

        await flush.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, pending.Count);
        later.SetResult(1_001);
        await pending.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, pending.Count);
    }

    /// <summary>Stalls, inside the store, the append of the first error line until <see cref="OnFirstError"/> has run.</summary>
    private sealed class StallingStore(IExecutionStore inner) : DelegatingStore(inner)
    {
        private int _stalled;

        public Action? OnFirstError { get; set; }

        public override ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
        {
            if (entry.IsError && Interlocked.Exchange(ref _stalled, 1) == 0)
            {
                OnFirstError?.Invoke();
            }

            return Inner.AppendAsync(executionId, entry, cancellationToken);
        }
    }
}
