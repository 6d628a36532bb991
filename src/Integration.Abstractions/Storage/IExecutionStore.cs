namespace Integration;

/// <summary>
/// Where executions and their logs are kept. Implementations must be safe for concurrent use, keep
/// <see cref="Execution.UniqueKey"/> unique (with a unique key, never check-then-insert), and keep each
/// execution's log append-only and ordered.
/// </summary>
/// <remarks>
/// Leases: a running execution is leased to its node from its creation; the node renews the lease
/// (<see cref="RenewLeaseAsync"/>) while it runs it. <see cref="AbandonExpiredAsync"/> ends, as
/// <see cref="ExecutionStatus.Abandoned"/>, the running executions whose lease was not renewed in time. The store
/// reads the time itself (its <see cref="TimeProvider"/>, or the database's clock), so nodes' clocks never decide.
/// Once abandoned, an execution is fenced: appends and completions of its former node affect nothing.
/// <para>
/// A status only moves towards the truth. An execution that has ended with any status except
/// <see cref="ExecutionStatus.Abandoned"/> still accepts lines (late lines: a call in flight at midnight, a line retried
/// after an outage); each gets the next sequence as usual. Every error line (<see cref="LogEntry.Level"/>
/// <see cref="ExecutionLogLevel.Error"/>) adds one to the stored <see cref="Execution.Errors"/> of its category (a line
/// without a category counts as <see cref="ErrorCategory.Technical"/>) atomically with the append, whether the execution
/// is running or has ended; an error line on an execution that ended <see cref="ExecutionStatus.OK"/> turns it
/// <see cref="ExecutionStatus.KO"/> with reason <see cref="ExecutionReason.Error"/> in the same atomic step.
/// <see cref="ExecutionStatus.Cancelled"/>, <see cref="ExecutionStatus.KO"/> and <see cref="ExecutionStatus.Abandoned"/>
/// keep their status. So an ended execution read from the store never shows OK while it holds an error line, and its
/// error counts are never lower than the error lines it holds.
/// </para>
/// </remarks>
public interface IExecutionStore
{
    /// <summary>
    /// Creates an execution, unless one with the same <see cref="Execution.UniqueKey"/> exists: then that one is returned.
    /// Every concurrent caller with the same key gets the same execution; exactly one of them sees <see cref="ExecutionCreation.Created"/>.
    /// </summary>
    /// <param name="execution">The execution to create, with its id, identity and start time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution holding the key, and whether this call created it.</returns>
    ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default);

    /// <summary>Gets an execution.</summary>
    /// <param name="executionId">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution, or null when the store does not hold it.</returns>
    ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>Gets the execution holding a unique key.</summary>
    /// <param name="uniqueKey">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution, or null.</returns>
    ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a line to an execution's log and gives it the next sequence. When the returned task has completed,
    /// the line is as durable as the store can make it.
    /// </summary>
    /// <remarks>
    /// The line is appended whether the execution is running or has ended (a late line), unless it was abandoned. An
    /// error line adds one to the execution's stored error count of its category (Technical when it has none) in the
    /// same atomic step, and turns an execution that ended OK into KO with reason <see cref="ExecutionReason.Error"/>.
    /// Calls made one after another for one execution get increasing sequences in the order of the calls, even when
    /// the caller does not wait for each task: a store that queues lines takes them in call order, and when its
    /// queue is full the returned task first waits for room (first come, first served), then for the line's commit.
    /// </remarks>
    /// <param name="executionId">The execution.</param>
    /// <param name="entry">The line; its <see cref="LogEntry.Sequence"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the call (a line still waiting for room in a full queue is then not appended).</param>
    /// <returns>
    /// The line's sequence; 0 when the execution was abandoned (its node lost its lease): the line was not appended
    /// and the writer should stop.
    /// </returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Marks a running execution as having run past its maximum duration.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the flag was set by this call.</returns>
    ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>Ends a running execution.</summary>
    /// <remarks>
    /// The stored error count of each category becomes the larger of the stored count (the error lines it holds) and
    /// the completion's; when the resulting total is above zero and the completion says <see cref="ExecutionStatus.OK"/>,
    /// the execution ends <see cref="ExecutionStatus.KO"/> with reason <see cref="ExecutionReason.Error"/>.
    /// </remarks>
    /// <param name="completion">How it ended.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ended execution, as stored; null when it was not running any more (it was ended elsewhere).</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default);

    /// <summary>Lists executions, newest first, one page at a time.</summary>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads an execution's log in order, one page at a time.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lines, in sequence order.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews the lease a node holds on a running execution: the store records, by its own clock, that the node
    /// still runs it (<see cref="Execution.HeartbeatAt"/>).
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="nodeId">The node renewing the lease; it must be the execution's <see cref="Execution.NodeId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// True when the lease was renewed; false when the node lost it: the execution has ended (it was abandoned, or
    /// ended elsewhere), runs on another node, or is not in the store. A node that loses a lease stops the execution.
    /// </returns>
    ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews a lease like <see cref="RenewLeaseAsync"/> and, in the same call, reads the cancel request stored on the
    /// execution (<see cref="RequestCancelAsync"/>), so a node's heartbeat learns of a cancel asked on another node
    /// without another round trip.
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="nodeId">The node renewing the lease; it must be the execution's <see cref="Execution.NodeId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the lease was renewed and, when it was, the execution's cancel request, if any.</returns>
    ValueTask<LeaseRenewal> RenewLeaseAndReadCancelAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a request that a running execution be cancelled, by the store's clock, for the node that runs it to see at
    /// its next heartbeat (<see cref="RenewLeaseAndReadCancelAsync"/>). The first request stands: a second one changes
    /// nothing and gets the first back. A request on an execution whose node died is not acted on; the lease sweep
    /// (<see cref="AbandonExpiredAsync"/>) ends it.
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="actor">Who asks, as the caller's identity names them; stored as given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request stored on the execution; null when it has ended (nothing to cancel).</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<CancelRequest?> RequestCancelAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends, as <see cref="ExecutionStatus.Abandoned"/> with reason <see cref="ExecutionReason.Abandoned"/>, every
    /// running scheduled execution whose lease was last taken or renewed at least <paramref name="leaseTimeout"/> ago by the
    /// store's clock. Their lines are kept and their error counts are those of their error lines, also when appends race
    /// the abandon: a line that lands before it is counted, one after it is fenced.
    /// </summary>
    /// <param name="leaseTimeout">How long a lease lasts without renewal; zero abandons every running execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many executions this call abandoned.</returns>
    ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> ended executions, oldest end first, that ended before
    /// <paramref name="endedBefore"/>, with their lines. Running executions are never purged. Call it again while it
    /// returns <paramref name="batchSize"/>.
    /// </summary>
    /// <param name="endedBefore">The cut-off: executions that ended at or after it are kept.</param>
    /// <param name="batchSize">The most executions to delete in this call, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many executions this call deleted.</returns>
    ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses or resumes a schedule, for every node: sets its stored state and appends an entry to its interface's
    /// audit trail, in one atomic step, stamped by the store's clock. A call that changes nothing (pausing a paused
    /// schedule, resuming one that is not paused) writes nothing and returns the state as it is.
    /// </summary>
    /// <param name="interfaceId">The interface the schedule belongs to.</param>
    /// <param name="scheduleId">The schedule.</param>
    /// <param name="paused">True to pause, false to resume.</param>
    /// <param name="actor">Who asked, as the caller's identity names them; stored as given.</param>
    /// <param name="reason">Why, if said; stored as given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule's state after the call.</returns>
    ValueTask<ScheduleState> SetSchedulePausedAsync(string interfaceId, string scheduleId, bool paused, string? actor, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Gets the stored state of every schedule that has one (one read: the scheduler calls it on each pass).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The states, by schedule id; a schedule without one was never paused.</returns>
    ValueTask<IReadOnlyDictionary<string, ScheduleState>> GetScheduleStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads an interface's audit trail of pauses and resumes, newest first.</summary>
    /// <param name="interfaceId">The interface.</param>
    /// <param name="limit">The most entries to read, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, newest first.</returns>
    ValueTask<IReadOnlyList<ScheduleAuditEntry>> ReadScheduleAuditAsync(string interfaceId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an operator action on an execution, stamped by the store's clock, in the execution's audit (kept apart
    /// from its log, so it is read without scanning the log). The execution may be running or ended, abandoned
    /// included; its actions are deleted with it by <see cref="PurgeAsync"/>.
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="kind">What was done.</param>
    /// <param name="actor">Who did it, as the caller's identity names them; stored as given.</param>
    /// <param name="detail">What else the action says; stored as given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The action as stored.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<ExecutionAction> RecordExecutionActionAsync(ExecutionId executionId, ExecutionActionKind kind, string? actor, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Reads the operator actions recorded on an execution, in the order they were recorded.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="limit">The most actions to read (the first ones), at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The actions, oldest first.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<IReadOnlyList<ExecutionAction>> ReadExecutionActionsAsync(ExecutionId executionId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a run request (<see cref="RunRequest"/>) for an executing node to claim, stamped by the store's clock. A request
    /// whose id is stored already is kept as it is (a retried call stores nothing twice).
    /// </summary>
    /// <param name="request">The request, with its id, interface, trigger, window and actor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request as stored.</returns>
    ValueTask<RunRequest> RequestRunAsync(RunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims, for a node, up to <paramref name="limit"/> run requests of the given interfaces that have not started, oldest
    /// first: those no node claimed, and those whose claim is at least <paramref name="claimTimeout"/> old by the store's
    /// clock (their node died before starting them). A request whose <see cref="RunRequest.DueAt"/> is later than the
    /// store's clock is not claimed yet. A claim is atomic: two concurrent callers never both get a request.
    /// </summary>
    /// <param name="nodeId">The claiming node.</param>
    /// <param name="interfaceIds">The interfaces the node runs; requests of other interfaces are left to other nodes.</param>
    /// <param name="limit">The most requests to claim, at least 1.</param>
    /// <param name="claimTimeout">How long a claim holds before another node may claim the request again; zero re-claims at once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The requests this call claimed, oldest first.</returns>
    ValueTask<IReadOnlyList<RunRequest>> ClaimRunRequestsAsync(string nodeId, IReadOnlyCollection<string> interfaceIds, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default);

    /// <summary>Records the execution a run request started; no node claims it after that.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="executionId">The execution it started.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call recorded it; false when one was recorded already, or the store does not hold the request.</returns>
    ValueTask<bool> MarkRunRequestStartedAsync(Guid requestId, ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>Gets a run request.</summary>
    /// <param name="requestId">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request, or null when the store does not hold it.</returns>
    ValueTask<RunRequest?> GetRunRequestAsync(Guid requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads, in one call, the activity of many interfaces: each one's newest execution, newest KO and the category of
    /// its first error line, its OK and KO counts since an instant (its local day's start), its newest running execution,
    /// and whether it has any non-daily execution. A SQL store answers with index seeks per interface, never a scan of
    /// all executions or lines.
    /// </summary>
    /// <param name="interfaces">The interfaces, each with the instant its counts start; ids must be distinct.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One activity per query, in the order of <paramref name="interfaces"/> (an interface without executions gets an empty one).</returns>
    /// <exception cref="ArgumentException">An interface id is null, empty or given twice.</exception>
    ValueTask<IReadOnlyList<InterfaceActivity>> GetInterfaceActivityAsync(IReadOnlyList<InterfaceActivityQuery> interfaces, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds log lines across executions, interfaces and days by correlation id or text (<see cref="LineSearch"/>), newest
    /// first, one page at a time. SQL stores answer from indexes (the correlation id, the message's words), never by
    /// reading every line.
    /// </summary>
    /// <param name="search">What to find, and which page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of lines, each with its execution's id, interface and kind.</returns>
    /// <exception cref="ArgumentException">The search is not valid (<see cref="LineSearch.Validate"/>).</exception>
    ValueTask<LinePage> SearchLinesAsync(LineSearch search, CancellationToken cancellationToken = default);
    /// <summary>
    /// Stores a notification in the outbox (<see cref="StoredNotification"/>), stamped by the store's clock, for a node to
    /// deliver. A notification whose id is stored already (delivered or not) is kept as it is: every node that notices the
    /// same transition enqueues it, and it is stored once.
    /// </summary>
    /// <param name="notification">The notification, with its id, interface, kind and payload.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call stored it; false when its id was stored already.</returns>
    ValueTask<bool> EnqueueNotificationAsync(StoredNotification notification, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims, for a node, up to <paramref name="limit"/> notifications not delivered yet, oldest first: those no node
    /// claimed, and those whose claim is at least <paramref name="claimTimeout"/> old by the store's clock (their node died,
    /// or failed to deliver them). Each claim adds one to <see cref="StoredNotification.Attempts"/>. Atomic: two concurrent
    /// callers never both get a notification.
    /// </summary>
    /// <param name="nodeId">The claiming node.</param>
    /// <param name="limit">The most notifications to claim, at least 1.</param>
    /// <param name="claimTimeout">How long a claim holds before another claim may take the notification again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notifications this call claimed, oldest first, as updated by the claim.</returns>
    ValueTask<IReadOnlyList<StoredNotification>> ClaimNotificationsAsync(string nodeId, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how a claimed notification's delivery went: delivered (<paramref name="error"/> null; no node claims it again),
    /// or failed (the error is kept in <see cref="StoredNotification.LastError"/> and the claim stands until it expires, so
    /// the next attempt waits one claim timeout).
    /// </summary>
    /// <param name="notificationId">The notification.</param>
    /// <param name="error">Why the delivery failed (at most 2,000 characters are kept); null when it was delivered.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the store holds the notification and it was not delivered before this call.</returns>
    ValueTask<bool> FinishNotificationAsync(string notificationId, string? error, CancellationToken cancellationToken = default);

    /// <summary>Gets a notification of the outbox.</summary>
    /// <param name="notificationId">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notification, or null when the store does not hold it.</returns>
    ValueTask<StoredNotification?> GetNotificationAsync(string notificationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes notifications delivered before an instant (by the store's clock), at most <paramref name="batchSize"/> per
    /// call. Undelivered notifications are never deleted.
    /// </summary>
    /// <param name="deliveredBefore">The instant.</param>
    /// <param name="batchSize">The most rows to delete, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were deleted.</returns>
    ValueTask<int> PurgeNotificationsAsync(DateTimeOffset deliveredBefore, int batchSize, CancellationToken cancellationToken = default);
}
