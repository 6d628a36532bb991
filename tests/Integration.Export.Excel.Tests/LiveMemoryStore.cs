namespace Integration.Export.Excel.Tests;

/// <summary>
/// A store that, every <c>every</c> log pages read, measures the memory still reachable after a full collection:
/// a deterministic way to see whether an export holds on to what it has read.
/// </summary>
public sealed class LiveMemoryStore(IExecutionStore inner, int every) : IExecutionStore
{
    private int _pages;

    public long MaxLiveBytes { get; private set; }

    public int Samples { get; private set; }

    public async ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default)
    {
        if (++_pages % every == 0)
        {
            MaxLiveBytes = Math.Max(MaxLiveBytes, GC.GetTotalMemory(forceFullCollection: true));
            Samples++;
        }

        return await inner.ReadLogAsync(executionId, query, cancellationToken);
    }

    public ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default) => inner.CreateAsync(execution, cancellationToken);

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => inner.GetAsync(executionId, cancellationToken);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default) => inner.FindByUniqueKeyAsync(uniqueKey, cancellationToken);

    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default) => inner.AppendAsync(executionId, entry, cancellationToken);

    public ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => inner.MarkDurationExceededAsync(executionId, cancellationToken);

    public ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default) => inner.CompleteAsync(completion, cancellationToken);

    public ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default) => inner.RenewLeaseAsync(executionId, nodeId, cancellationToken);

    public ValueTask<LeaseRenewal> RenewLeaseAndReadCancelAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default) => inner.RenewLeaseAndReadCancelAsync(executionId, nodeId, cancellationToken);

    public ValueTask<CancelRequest?> RequestCancelAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default) => inner.RequestCancelAsync(executionId, actor, cancellationToken);

    public ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default) => inner.AbandonExpiredAsync(leaseTimeout, cancellationToken);

    public ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default) => inner.PurgeAsync(endedBefore, batchSize, cancellationToken);

    public ValueTask<ScheduleState> SetSchedulePausedAsync(string interfaceId, string scheduleId, bool paused, string? actor, string? reason, CancellationToken cancellationToken = default) => inner.SetSchedulePausedAsync(interfaceId, scheduleId, paused, actor, reason, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, ScheduleState>> GetScheduleStatesAsync(CancellationToken cancellationToken = default) => inner.GetScheduleStatesAsync(cancellationToken);

    public ValueTask<IReadOnlyList<ScheduleAuditEntry>> ReadScheduleAuditAsync(string interfaceId, int limit, CancellationToken cancellationToken = default) => inner.ReadScheduleAuditAsync(interfaceId, limit, cancellationToken);

    public ValueTask<ExecutionAction> RecordExecutionActionAsync(ExecutionId executionId, ExecutionActionKind kind, string? actor, string? detail, CancellationToken cancellationToken = default) => inner.RecordExecutionActionAsync(executionId, kind, actor, detail, cancellationToken);

    public ValueTask<IReadOnlyList<ExecutionAction>> ReadExecutionActionsAsync(ExecutionId executionId, int limit, CancellationToken cancellationToken = default) => inner.ReadExecutionActionsAsync(executionId, limit, cancellationToken);
    public ValueTask<RunRequest> RequestRunAsync(RunRequest request, CancellationToken cancellationToken = default) => inner.RequestRunAsync(request, cancellationToken);

    public ValueTask<IReadOnlyList<RunRequest>> ClaimRunRequestsAsync(string nodeId, IReadOnlyCollection<string> interfaceIds, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default) => inner.ClaimRunRequestsAsync(nodeId, interfaceIds, limit, claimTimeout, cancellationToken);

    public ValueTask<bool> MarkRunRequestStartedAsync(Guid requestId, ExecutionId executionId, CancellationToken cancellationToken = default) => inner.MarkRunRequestStartedAsync(requestId, executionId, cancellationToken);

    public ValueTask<RunRequest?> GetRunRequestAsync(Guid requestId, CancellationToken cancellationToken = default) => inner.GetRunRequestAsync(requestId, cancellationToken);

    public ValueTask<IReadOnlyList<InterfaceActivity>> GetInterfaceActivityAsync(IReadOnlyList<InterfaceActivityQuery> interfaces, CancellationToken cancellationToken = default) => inner.GetInterfaceActivityAsync(interfaces, cancellationToken);

    public ValueTask<LinePage> SearchLinesAsync(LineSearch search, CancellationToken cancellationToken = default) => inner.SearchLinesAsync(search, cancellationToken);

    public ValueTask<bool> EnqueueNotificationAsync(StoredNotification notification, CancellationToken cancellationToken = default) => inner.EnqueueNotificationAsync(notification, cancellationToken);

    public ValueTask<IReadOnlyList<StoredNotification>> ClaimNotificationsAsync(string nodeId, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default) => inner.ClaimNotificationsAsync(nodeId, limit, claimTimeout, cancellationToken);

    public ValueTask<bool> FinishNotificationAsync(string notificationId, string? error, CancellationToken cancellationToken = default) => inner.FinishNotificationAsync(notificationId, error, cancellationToken);

    public ValueTask<StoredNotification?> GetNotificationAsync(string notificationId, CancellationToken cancellationToken = default) => inner.GetNotificationAsync(notificationId, cancellationToken);

    public ValueTask<int> PurgeNotificationsAsync(DateTimeOffset deliveredBefore, int batchSize, CancellationToken cancellationToken = default) => inner.PurgeNotificationsAsync(deliveredBefore, batchSize, cancellationToken);
}
