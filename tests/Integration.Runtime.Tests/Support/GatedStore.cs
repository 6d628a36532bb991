using Integration.Storage.Conformance;
namespace Integration.Tests.Support;

/// <summary>
/// A store that holds the appends of the lines a predicate picks until <see cref="Release"/>: a slow or stalled
/// database, seen from the runtime. Held appends go on once released.
/// </summary>
public sealed class GatedStore(IExecutionStore inner, Func<LogEntry, bool> holds) : DelegatingStore(inner)
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Gets how many appends were held so far.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _gate.TrySetResult();

    public override ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
    {
        if (_gate.Task.IsCompleted || !holds(entry))
        {
            return Inner.AppendAsync(executionId, entry, cancellationToken);
        }

        Interlocked.Increment(ref _held);
        return HoldAsync(executionId, entry);
    }

    private async ValueTask<long> HoldAsync(ExecutionId executionId, LogEntry entry)
    {
        await _gate.Task.ConfigureAwait(false);
        return await Inner.AppendAsync(executionId, entry).ConfigureAwait(false);
    }
}
