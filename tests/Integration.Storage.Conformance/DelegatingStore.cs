namespace Integration.Storage.Conformance;

/// <summary>A store that hands every call to another; tests derive from it to fail, hold or count some calls.</summary>
public abstract class DelegatingStore(IExecutionStore inner) : IExecutionStore
{
    protected IExecutionStore Inner { get; } = inner;

    public virtual ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default) => Inner.AppendAsync(executionId, entry, cancellationToken);

    public virtual ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default) => Inner.CreateAsync(execution, cancellationToken);

    public virtual ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => Inner.GetAsync(executionId, cancellationToken);

    public virtual ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default) => Inner.FindByUniqueKeyAsync(uniqueKey, cancellationToken);

    public virtual ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => Inner.MarkDurationExceededAsync(executionId, cancellationToken);

    public virtual ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default) => Inner.CompleteAsync(completion, cancellationToken);

    public virtual ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default) => Inner.QueryAsync(query, cancellationToken);

    public virtual ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default) => Inner.ReadLogAsync(executionId, query, cancellationToken);

    public virtual ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default) => Inner.RenewLeaseAsync(executionId, nodeId, cancellationToken);

    public virtual ValueTask<LeaseRenewal> RenewLeaseAndReadCancelAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default) => Inner.RenewLeaseAndReadCancelAsync(executionId, nodeId, cancellationToken);

    public virtual ValueTask<CancelRequest?> RequestCancelAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default) => Inner.RequestCancelAsync(executionId, actor, cancellationToken);

    public virtual ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default) => Inner.AbandonExpiredAsync(leaseTimeout, cancellationToken);

    public virtual ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default) => Inner.PurgeAsync(endedBefore, batchSize, cancellationToken);

    public virtual ValueTask<ScheduleState> SetSchedulePausedAsync(string interfaceId, string scheduleId, bool paused, string? actor, string? reason, CancellationToken cancellationToken = default) => Inner.SetSchedulePausedAsync(interfaceId, scheduleId, paused, actor, reason, cancellationToken);

    public virtual ValueTask<IReadOnlyDictionary<string, ScheduleState>> GetScheduleStatesAsync(CancellationToken cancellationToken = default) => Inner.GetScheduleStatesAsync(cancellationToken);

    public virtual ValueTask<IReadOnlyList<ScheduleAuditEntry>> ReadScheduleAuditAsync(string interfaceId, int limit, CancellationToken cancellationToken = default) => Inner.ReadScheduleAuditAsync(interfaceId, limit, cancellationToken);

    public virtual ValueTask<ExecutionAction> RecordExecutionActionAsync(ExecutionId executionId, ExecutionActionKind kind, string? actor, string? detail, CancellationToken cancellationToken = default) => Inner.RecordExecutionActionAsync(executionId, kind, actor, detail, cancellationToken);

    public virtual ValueTask<IReadOnlyList<ExecutionAction>> ReadExecutionActionsAsync(ExecutionId executionId, int limit, CancellationToken cancellationToken = default) => Inner.ReadExecutionActionsAsync(executionId, limit, cancellationToken);
    public virtual ValueTask<RunRequest> RequestRunAsync(RunRequest request, CancellationToken cancellationToken = default) => Inner.RequestRunAsync(request, cancellationToken);

    public virtual ValueTask<IReadOnlyList<RunRequest>> ClaimRunRequestsAsync(string nodeId, IReadOnlyCollection<string> interfaceIds, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default) => Inner.ClaimRunRequestsAsync(nodeId, interfaceIds, limit, claimTimeout, cancellationToken);

    public virtual ValueTask<bool> MarkRunRequestStartedAsync(Guid requestId, ExecutionId executionId, CancellationToken cancellationToken = default) => Inner.MarkRunRequestStartedAsync(requestId, executionId, cancellationToken);

    public virtual ValueTask<RunRequest?> GetRunRequestAsync(Guid requestId, CancellationToken cancellationToken = default) => Inner.GetRunRequestAsync(requestId, cancellationToken);

    public virtual ValueTask<IReadOnlyList<InterfaceActivity>> GetInterfaceActivityAsync(IReadOnlyList<InterfaceActivityQuery> interfaces, CancellationToken cancellationToken = default) => Inner.GetInterfaceActivityAsync(interfaces, cancellationToken);

    public virtual ValueTask<LinePage> SearchLinesAsync(LineSearch search, CancellationToken cancellationToken = default) => Inner.SearchLinesAsync(search, cancellationToken);

    public virtual ValueTask<bool> EnqueueNotificationAsync(StoredNotification notification, CancellationToken cancellationToken = default) => Inner.EnqueueNotificationAsync(notification, cancellationToken);

    public virtual ValueTask<IReadOnlyList<StoredNotification>> ClaimNotificationsAsync(string nodeId, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default) => Inner.ClaimNotificationsAsync(nodeId, limit, claimTimeout, cancellationToken);

    public virtual ValueTask<bool> FinishNotificationAsync(string notificationId, string? error, CancellationToken cancellationToken = default) => Inner.FinishNotificationAsync(notificationId, error, cancellationToken);

    public virtual ValueTask<StoredNotification?> GetNotificationAsync(string notificationId, CancellationToken cancellationToken = default) => Inner.GetNotificationAsync(notificationId, cancellationToken);

    public virtual ValueTask<int> PurgeNotificationsAsync(DateTimeOffset deliveredBefore, int batchSize, CancellationToken cancellationToken = default) => Inner.PurgeNotificationsAsync(deliveredBefore, batchSize, cancellationToken);
}
