using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests.Support;

/// <summary>
/// A store that fails as a database that went away would, while told to: its creates and its queries throw. It counts
/// the attempts and records, on the host's clock, when each failed create was tried.
/// </summary>
public sealed class OutageStore(IExecutionStore inner, TimeProvider time) : IExecutionStore
{
    private readonly Lock _lock = new();
    private readonly List<DateTimeOffset> _failedCreates = [];
    private int _failedQueries;

    /// <summary>Gets or sets a value indicating whether <see cref="CreateAsync"/> fails.</summary>
    public bool CreatesFail { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="QueryAsync"/> fails.</summary>
    public bool QueriesFail { get; set; }

    /// <summary>Gets when each failed create was tried, in order.</summary>
    public IReadOnlyList<DateTimeOffset> FailedCreates
    {
        get
        {
            lock (_lock)
            {
                return [.. _failedCreates];
            }
        }
    }

    public int FailedQueries => Volatile.Read(ref _failedQueries);

    /// <summary>
    /// Puts an outage store around the store registered in <paramref name="services"/> (call it after the Use…Store
    /// method); resolve <see cref="OutageStore"/> to drive it.
    /// </summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IExecutionStore));
        services.AddSingleton(sp => new OutageStore(
            registered.ImplementationType is { } type ? (IExecutionStore)ActivatorUtilities.CreateInstance(sp, type) : (IExecutionStore)registered.ImplementationFactory!(sp),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IExecutionStore>(sp => sp.GetRequiredService<OutageStore>());
    }

    public ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        if (CreatesFail)
        {
            lock (_lock)
            {
                _failedCreates.Add(time.GetUtcNow());
            }

            return ValueTask.FromException<ExecutionCreation>(new IOException("the database went away"));
        }

        return inner.CreateAsync(execution, cancellationToken);
    }

    public ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
    {
        if (QueriesFail)
        {
            Interlocked.Increment(ref _failedQueries);
            return ValueTask.FromException<ExecutionPage>(new IOException("the database went away"));
        }

        return inner.QueryAsync(query, cancellationToken);
    }

    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default) => inner.AppendAsync(executionId, entry, cancellationToken);

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => inner.GetAsync(executionId, cancellationToken);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default) => inner.FindByUniqueKeyAsync(uniqueKey, cancellationToken);

    public ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default) => inner.MarkDurationExceededAsync(executionId, cancellationToken);

    public ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default) => inner.CompleteAsync(completion, cancellationToken);

    public ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default) => inner.ReadLogAsync(executionId, query, cancellationToken);

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
