namespace Integration;

/// <summary>What a host or a support UI does with executions: run, re-run, cancel, list and read.</summary>
public interface IExecutionOperations
{
    /// <summary>Starts a manual execution of a scheduled interface, on its current window (from its latest occurrence to now).</summary>
    /// <param name="interfaceId">The interface.</param>
    /// <param name="cancellationToken">Cancels the start (not the execution).</param>
    /// <returns>The run; <see cref="ExecutionRun.Completion"/> completes when it ends.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is real-time.</exception>
    ValueTask<ExecutionRun> RunNowAsync(string interfaceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a manual execution like <see cref="RunNowAsync(string, CancellationToken)"/>, and records who asked: a
    /// <see cref="ExecutionActionKind.RunNow"/> action on the execution (<see cref="GetActionsAsync"/>), and its log opens
    /// with the line "Run now by &lt;actor&gt;". A null or blank actor is recorded as unnamed ("an unnamed operator").
    /// </summary>
    /// <remarks>
    /// On a host that only operates (<see cref="ExecutionsOptions.OperateOnly"/>), the run is stored as a run request: an
    /// executing node registering the interface claims it within one <see cref="RunRequestOptions.PollInterval"/> and starts
    /// it, exactly once; this call returns once it started, and <paramref name="cancellationToken"/> stops the wait, not
    /// the request.
    /// </remarks>
    /// <param name="interfaceId">The interface.</param>
    /// <param name="actor">Who asks (a name from the caller's identity); control characters are escaped and it is cut to 200 characters.</param>
    /// <param name="cancellationToken">Cancels the start (not the execution).</param>
    /// <returns>The run; <see cref="ExecutionRun.Completion"/> completes when it ends.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is real-time.</exception>
    /// <exception cref="TimeoutException">This host only operates and no executing node started the run within <see cref="RunRequestOptions.StartTimeout"/>.</exception>
    ValueTask<ExecutionRun> RunNowAsync(string interfaceId, string? actor, CancellationToken cancellationToken = default);

    /// <summary>Starts a re-run of an execution: a new execution on the same window, linked by <see cref="Execution.RerunOf"/>.</summary>
    /// <param name="executionId">The execution to re-run.</param>
    /// <param name="cancellationToken">Cancels the start (not the execution).</param>
    /// <returns>The run.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    /// <exception cref="InvalidOperationException">
    /// It is a daily execution, it is still <see cref="ExecutionStatus.Running"/> (on this node or another), or its
    /// interface is not registered any more.
    /// </exception>
    ValueTask<ExecutionRun> RerunAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a re-run like <see cref="RerunAsync(ExecutionId, CancellationToken)"/>, and records who asked: a
    /// <see cref="ExecutionActionKind.Rerun"/> action on the new execution, whose log opens with the line
    /// "Re-run of &lt;id&gt; by &lt;actor&gt;". A null or blank actor is recorded as unnamed.
    /// </summary>
    /// <remarks>On a host that only operates, stored as a run request like <see cref="RunNowAsync(string, string?, CancellationToken)"/>.</remarks>
    /// <param name="executionId">The execution to re-run.</param>
    /// <param name="actor">Who asks; escaped and cut to 200 characters.</param>
    /// <param name="cancellationToken">Cancels the start (not the execution).</param>
    /// <returns>The run.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    /// <exception cref="InvalidOperationException">As <see cref="RerunAsync(ExecutionId, CancellationToken)"/>.</exception>
    /// <exception cref="TimeoutException">This host only operates and no executing node started the re-run within <see cref="RunRequestOptions.StartTimeout"/>.</exception>
    ValueTask<ExecutionRun> RerunAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the occurrence of a schedule at an instant, unless it already has an execution (the store keeps one per
    /// occurrence). The scheduler calls this for each occurrence; hosts may call it to backfill.
    /// </summary>
    /// <param name="interfaceId">The scheduled interface.</param>
    /// <param name="occurrence">An occurrence of its cron.</param>
    /// <param name="cancellationToken">Cancels the start (not the execution).</param>
    /// <returns>The run; <see cref="ExecutionRun.Started"/> is false when the occurrence already had an execution.</returns>
    /// <exception cref="ArgumentException"><paramref name="occurrence"/> is not an occurrence of the interface's cron.</exception>
    /// <exception cref="InvalidOperationException">This host only operates: the executing nodes' schedulers run occurrences.</exception>
    ValueTask<ExecutionRun> RunOccurrenceAsync(string interfaceId, DateTimeOffset occurrence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels an execution on whichever node runs it, without naming who asks: the same as
    /// <see cref="CancelAsync(ExecutionId, string?, CancellationToken)"/> with no actor, except that it records no
    /// operator action (a host's own call).
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when it is being cancelled (here at once, or by its node within one heartbeat interval); false when it has ended.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<bool> CancelAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels an execution on whichever node runs it; it ends <see cref="ExecutionStatus.Cancelled"/> with a warning line
    /// "Cancelled: &lt;actor&gt; asked …". On this node the connector's token is cancelled at once
    /// (<see cref="CancelOutcome.Delivered"/>); otherwise the request is stored on the execution (who, when) and the node
    /// that runs it cancels it within one heartbeat interval (<see cref="CancelOutcome.Requested"/>). A request for an
    /// execution whose node is dead is left to the lease sweep, which ends it <see cref="ExecutionStatus.Abandoned"/>.
    /// A cancel delivered or requested is recorded as a <see cref="ExecutionActionKind.Cancel"/> action on the execution
    /// (a null or blank actor as unnamed); one that was not possible records nothing.
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="actor">Who asks (a name from the caller's identity); control characters are escaped and it is cut to 200 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the cancel was delivered, requested, or not possible (the execution has already ended).</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<CancelOutcome> CancelAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default);

    /// <summary>Gets an execution.</summary>
    /// <param name="executionId">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<Execution> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default);

    /// <summary>Lists executions, newest first, one page at a time.</summary>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page.</returns>
    ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads an execution's log in order; <see cref="LogQuery.Errors"/> reads its errors only.</summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lines.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enables or disables a schedule on this host: a disabled schedule is not fired (run now and re-run still work).
    /// Occurrences that pass while it is disabled are not misfires. The change lasts until the host restarts and holds
    /// on this host only; <see cref="PauseAsync"/> is the persisted one, which every node honours.
    /// </summary>
    /// <param name="interfaceId">The scheduled interface.</param>
    /// <param name="enabled">Whether the scheduler fires it.</param>
    /// <returns>True when this call changed the schedule's state.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is real-time.</exception>
    bool SetScheduleEnabled(string interfaceId, bool enabled);

    /// <summary>
    /// Pauses a schedule on every node, persisted in the store: no node's scheduler fires it from its next pass on
    /// (this host's at once), until it is resumed, restarts included. Run now and re-run still work. The pause is
    /// recorded in the interface's audit trail (<see cref="GetScheduleAuditAsync"/>); pausing a paused schedule changes
    /// nothing and records nothing.
    /// </summary>
    /// <param name="interfaceId">The scheduled interface.</param>
    /// <param name="actor">Who asks (a name from the caller's identity); control characters are escaped and it is cut to 200 characters.</param>
    /// <param name="reason">Why, if said; escaped and cut like <paramref name="actor"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule's stored state.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is real-time: it has no schedule to pause.</exception>
    ValueTask<ScheduleState> PauseAsync(string interfaceId, string? actor = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resumes a paused schedule on every node: the next occurrence after the resume fires; the occurrences that passed
    /// while it was paused never do (they are not misfires). Recorded like <see cref="PauseAsync"/>; resuming a schedule
    /// that is not paused changes nothing.
    /// </summary>
    /// <param name="interfaceId">The scheduled interface.</param>
    /// <param name="actor">Who asks; escaped and cut to 200 characters.</param>
    /// <param name="reason">Why, if said; escaped and cut to 200 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schedule's stored state.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is real-time.</exception>
    ValueTask<ScheduleState> ResumeAsync(string interfaceId, string? actor = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an interface's audit trail of pauses and resumes (who, when, why), newest first.</summary>
    /// <param name="interfaceId">The interface.</param>
    /// <param name="limit">The most entries to read, from 1 to 1,000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, newest first.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    ValueTask<IReadOnlyList<ScheduleAuditEntry>> GetScheduleAuditAsync(string interfaceId, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>Gets the next occurrences of a scheduled interface, after now.</summary>
    /// <param name="interfaceId">The scheduled interface.</param>
    /// <param name="count">How many, from 1 to 1,000.</param>
    /// <returns>The occurrences, in order.</returns>
    /// <exception cref="KeyNotFoundException">The interface is not registered.</exception>
    /// <exception cref="InvalidOperationException">The interface is real-time.</exception>
    IReadOnlyList<DateTimeOffset> GetNextOccurrences(string interfaceId, int count);

    /// <summary>
    /// Reads the operator actions recorded on an execution (run now, re-run, cancel, export: who, when), in the order they
    /// were recorded, without reading its log. Only the overloads that take an actor record actions.
    /// </summary>
    /// <param name="executionId">The execution.</param>
    /// <param name="limit">The most actions to read (the first ones), from 1 to 1,000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The actions, oldest first.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    ValueTask<IReadOnlyList<ExecutionAction>> GetActionsAsync(ExecutionId executionId, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets an overview of every registered interface, in registration order: its definition, its schedule's persisted
    /// pause state, its next occurrences, its last execution, its last KO with the category of its first error, today's
    /// OK and KO counts (its local day), whether it is running now (on any node), and the API-support flag. It reads the
    /// store twice, however many interfaces there are (the schedule states, then every interface's activity at once).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One overview per registered interface.</returns>
    ValueTask<IReadOnlyList<InterfaceOverview>> GetOverviewAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds log lines across executions, interfaces and days: the lines of one call (a correlation id) or of one
    /// business id (an order number, a ticket id: the words of <see cref="LineSearch.Text"/>), newest first, one page at
    /// a time, each with its execution. What a support search box asks.
    /// </summary>
    /// <param name="search">What to find, and which page (<see cref="LinePage.Next"/> of the previous page).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of lines.</returns>
    /// <exception cref="ArgumentException">The search is not valid (<see cref="LineSearch.Validate"/>): no correlation id nor text, a blank or oversized one, a limit out of range.</exception>
    ValueTask<LinePage> SearchLinesAsync(LineSearch search, CancellationToken cancellationToken = default);
}
