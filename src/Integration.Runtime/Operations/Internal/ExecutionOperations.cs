namespace Integration;

internal sealed class ExecutionOperations(InterfaceCatalog catalog, ExecutionStarts starts, RunningExecutions running, IExecutionStore store, Scheduler scheduler, TimeProvider time, ExecutionAudit audit)
    : IExecutionOperations
{
    public ValueTask<ExecutionRun> RunNowAsync(string interfaceId, CancellationToken cancellationToken = default)
        => StartRunNowAsync(interfaceId, operatorAsked: false, actor: null, cancellationToken);

    public ValueTask<ExecutionRun> RunNowAsync(string interfaceId, string? actor, CancellationToken cancellationToken = default)
        => StartRunNowAsync(interfaceId, operatorAsked: true, actor, cancellationToken);

    public ValueTask<ExecutionRun> RerunAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => StartRerunAsync(executionId, operatorAsked: false, actor: null, cancellationToken);

    public ValueTask<ExecutionRun> RerunAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default)
        => StartRerunAsync(executionId, operatorAsked: true, actor, cancellationToken);

    private ValueTask<ExecutionRun> StartRunNowAsync(string interfaceId, bool operatorAsked, string? actor, CancellationToken cancellationToken)
    {
        var registration = Scheduled(interfaceId, "run now");
        var window = registration.Cron!.CurrentWindow(time.GetUtcNow());
        var action = operatorAsked ? new OperatorAction(ExecutionActionKind.RunNow, OperatorText.Clean(actor), Detail: null) : null;
        return starts.StartAsync(new ExecutionRequest(registration, ExecutionTrigger.Manual, window, UniqueKey: null, RerunOf: null) { Action = action }, cancellationToken);
    }

    private async ValueTask<ExecutionRun> StartRerunAsync(ExecutionId executionId, bool operatorAsked, string? actor, CancellationToken cancellationToken)
    {
        var original = await GetAsync(executionId, cancellationToken).ConfigureAwait(false);
        if (original.Kind == ExecutionKind.Daily)
        {
            throw new InvalidOperationException($"Execution {executionId} is the daily execution of '{original.InterfaceId}': a day of real-time calls cannot be re-run.");
        }

        if (original.Status == ExecutionStatus.Running)
        {
            // Two runs on one window would repeat its effects side by side (a node paused past its lease still runs it).
            throw new InvalidOperationException(
                $"Execution {executionId} of '{original.InterfaceId}' is still running: re-run it once it has ended (cancel it first to stop it; a node that died leaves it Abandoned).");
        }

        if (!catalog.TryGet(original.InterfaceId, out _))
        {
            throw new InvalidOperationException($"Execution {executionId} belongs to interface '{original.InterfaceId}', which is not registered in this host.");
        }

        var registration = catalog.GetRegistration(original.InterfaceId);
        var action = operatorAsked ? new OperatorAction(ExecutionActionKind.Rerun, OperatorText.Clean(actor), original.Id.ToString()) : null;
        var request = new ExecutionRequest(registration, ExecutionTrigger.Rerun, original.Window, UniqueKey: null, RerunOf: original.Id) { Action = action };
        return await starts.StartAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<ExecutionRun> RunOccurrenceAsync(string interfaceId, DateTimeOffset occurrence, CancellationToken cancellationToken = default)
    {
        var registration = Scheduled(interfaceId, "run an occurrence");
        var cron = registration.Cron!;
        if (cron.GetNextOccurrence(occurrence.AddTicks(-1)) != occurrence)
        {
            throw new ArgumentException($"Interface '{interfaceId}': {occurrence:O} is not an occurrence of its cron '{cron.Text}' in {cron.Zone.Id}.", nameof(occurrence));
        }

        var request = new ExecutionRequest(registration, ExecutionTrigger.Schedule, cron.WindowOf(occurrence), UniqueKeys.Occurrence(registration.Schedule.Id, occurrence), RerunOf: null);
        return starts.StartAsync(request, cancellationToken);
    }

    public async ValueTask<bool> CancelAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => await CancelOrRequestAsync(executionId, operatorAsked: false, actor: null, cancellationToken).ConfigureAwait(false) != CancelOutcome.NotPossible;

    public ValueTask<CancelOutcome> CancelAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default)
        => CancelOrRequestAsync(executionId, operatorAsked: true, actor, cancellationToken);

    private async ValueTask<CancelOutcome> CancelOrRequestAsync(ExecutionId executionId, bool operatorAsked, string? actor, CancellationToken cancellationToken)
    {
        var who = OperatorText.Clean(actor);
        CancelOutcome outcome;
        if (running.TryGet(executionId, out var execution))
        {
            execution.Cancel(ExecutionReason.Cancelled, CancelText.Delivered(who));
            outcome = CancelOutcome.Delivered;
        }
        else
        {
            // Another node runs it (or it has ended): its heartbeat reads the stored request.
            outcome = await store.RequestCancelAsync(executionId, who, cancellationToken).ConfigureAwait(false) is null
                ? CancelOutcome.NotPossible
                : CancelOutcome.Requested;
        }

        // A cancel of an ended execution did nothing: nothing to record.
        if (operatorAsked && outcome != CancelOutcome.NotPossible)
        {
            var detail = outcome == CancelOutcome.Delivered ? "delivered" : "requested";
            await audit.RecordAsync(executionId, new OperatorAction(ExecutionActionKind.Cancel, who, detail)).ConfigureAwait(false);
        }

        return outcome;
    }

    public async ValueTask<Execution> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => await store.GetAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw new ExecutionNotFoundException(executionId);

    public ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return store.QueryAsync(query, cancellationToken);
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default)
    {
        query.Validate();
        return store.ReadLogAsync(executionId, query, cancellationToken);
    }

    public bool SetScheduleEnabled(string interfaceId, bool enabled)
    {
        var changed = Scheduled(interfaceId, "schedule to enable").SetEnabled(enabled, time.GetUtcNow());
        if (changed)
        {
            scheduler.Wake();
        }

        return changed;
    }

    public ValueTask<ScheduleState> PauseAsync(string interfaceId, string? actor = null, string? reason = null, CancellationToken cancellationToken = default)
        => SetPausedAsync(Scheduled(interfaceId, "schedule to pause"), paused: true, actor, reason, cancellationToken);

    public ValueTask<ScheduleState> ResumeAsync(string interfaceId, string? actor = null, string? reason = null, CancellationToken cancellationToken = default)
        => SetPausedAsync(Scheduled(interfaceId, "schedule to resume"), paused: false, actor, reason, cancellationToken);

    public ValueTask<IReadOnlyList<ScheduleAuditEntry>> GetScheduleAuditAsync(string interfaceId, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        _ = catalog.GetRegistration(interfaceId);
        return store.ReadScheduleAuditAsync(interfaceId, limit, cancellationToken);
    }

    public IReadOnlyList<DateTimeOffset> GetNextOccurrences(string interfaceId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1000);
        var cron = Scheduled(interfaceId, "occurrences").Cron!;
        var occurrences = new List<DateTimeOffset>(count);
        var after = time.GetUtcNow();
        while (occurrences.Count < count && cron.GetNextOccurrence(after) is { } next)
        {
            occurrences.Add(next);
            after = next;
        }

        return occurrences;
    }

    public ValueTask<IReadOnlyList<ExecutionAction>> GetActionsAsync(ExecutionId executionId, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        return store.ReadExecutionActionsAsync(executionId, limit, cancellationToken);
    }

    private async ValueTask<ScheduleState> SetPausedAsync(InterfaceRegistration registration, bool paused, string? actor, string? reason, CancellationToken cancellationToken)
    {
        var state = await store.SetSchedulePausedAsync(registration.Id, registration.Schedule.Id, paused, OperatorText.Clean(actor), OperatorText.Clean(reason), cancellationToken)
            .ConfigureAwait(false);

        // This host's scheduler reads the states at once; the other nodes read them at their next pass, before firing.
        scheduler.Wake();
        return state;
    }

    private InterfaceRegistration Scheduled(string interfaceId, string operation)
    {
        var registration = catalog.GetRegistration(interfaceId);
        return registration.Cron is not null
            ? registration
            : throw new InvalidOperationException($"Interface '{interfaceId}' is real-time: its calls run in its daily execution, so it has no {operation}.");
    }

    public ValueTask<IReadOnlyList<InterfaceOverview>> GetOverviewAsync(CancellationToken cancellationToken = default)
        => InterfaceOverviews.ReadAsync(catalog, store, time, cancellationToken);

    public ValueTask<LinePage> SearchLinesAsync(LineSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();
        return store.SearchLinesAsync(search, cancellationToken);
    }
}
