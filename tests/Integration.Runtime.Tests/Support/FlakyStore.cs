namespace Integration.Tests.Support;

/// <summary>A store whose appends fail, as a database that went away would, for the lines a predicate picks.</summary>
public sealed class FlakyStore(IExecutionStore inner, Func<LogEntry, bool> fails) : IExecutionStore
{
    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
        => fails(entry) ? ValueTask.FromException<long>(new IOException("the database went away")) : inner.AppendAsync(executionId, entry, cancellationToken);

    public ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default) => inner.CreateAsync(execution, cancellationToken);

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => inner.GetAsync(executionId, cancellationToken);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default) => inner.FindByUniqueKeyAsync(uniqueKey, cancellationToken);

    public ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => inner.MarkDurationExceededAsync(executionId, cancellationToken);

    public ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default) => inner.CompleteAsync(completion, cancellationToken);

    public ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default) => inner.ReadLogAsync(executionId, query, cancellationToken);

    public ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(executionId, nodeId, cancellationToken);

    public ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default) => inner.AbandonExpiredAsync(leaseTimeout, cancellationToken);

    public ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default) => inner.PurgeAsync(endedBefore, batchSize, cancellationToken);
}
