using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// One slot per real-time interface holds the open day. The hot path (today's execution already open) reads the
/// slot and the clock: no lock, no allocation. Opening a day is serialised per interface in this process, and made
/// unique across processes by the store's unique key (interface, local date).
/// </summary>
internal sealed class DailyExecutions : IDailyExecutions
{
    private readonly FrozenDictionary<string, Slot> _slots;
    private readonly InterfaceCatalog _catalog;
    private readonly IExecutionStore _store;
    private readonly TimeProvider _time;
    private readonly ErrorClassifierChain _classifier;
    private readonly IntegrationTelemetry _telemetry;
    private readonly ILogger<DailyExecutions> _logger;
    private readonly LogLineSanitizer _sanitizer;
    private readonly string _nodeId;

    public DailyExecutions(InterfaceCatalog catalog, IExecutionStore store, TimeProvider time, ErrorClassifierChain classifier, IntegrationTelemetry telemetry, IOptions<ExecutionsOptions> options, ILogger<DailyExecutions> logger, LogLineSanitizer sanitizer)
    {
        _sanitizer = sanitizer;
        _catalog = catalog;
        _store = store;
        _time = time;
        _classifier = classifier;
        _telemetry = telemetry;
        _logger = logger;
        _nodeId = options.Value.NodeId;
        _slots = catalog.Registrations
            .Where(r => r.Definition.Mode == InterfaceMode.RealTime)
            .ToFrozenDictionary(r => r.Id, r => new Slot(r), StringComparer.Ordinal);
    }

    public ValueTask<Execution> GetCurrentAsync(string interfaceId, CancellationToken cancellationToken = default)
    {
        var day = GetDayAsync(interfaceId, cancellationToken);
        return day.IsCompletedSuccessfully ? new(day.Result.Execution) : AwaitExecution(day);

        static async ValueTask<Execution> AwaitExecution(ValueTask<DailyDay> pending) => (await pending.ConfigureAwait(false)).Execution;
    }

    public ValueTask<DailyDay> GetDayAsync(string interfaceId, CancellationToken cancellationToken)
    {
        var slot = SlotOf(interfaceId);
        var open = Volatile.Read(ref slot.Current);
        return open is not null && open.Day.Contains(_time.GetUtcNow()) ? new(open) : OpenDayAsync(slot, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<Execution>> CloseEarlierDaysAsync(string interfaceId, CancellationToken cancellationToken = default)
    {
        var slot = SlotOf(interfaceId);
        var today = LocalDay.Of(_time.GetUtcNow(), slot.Registration.TimeZone);
        var stale = new List<Execution>();
        var query = new ExecutionQuery { ScheduleId = slot.Registration.Schedule.Id, Kind = ExecutionKind.Daily, Status = ExecutionStatus.Running, Limit = ExecutionQuery.MaxLimit };
        for (ExecutionPage page; ; query = query with { Before = page.Next })
        {
            page = await _store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            stale.AddRange(page.Items.Where(e => e.Window.To <= today.Start));
            if (page.Next is null)
            {
                break;
            }
        }

        var closed = new List<Execution>();
        foreach (var execution in stale)
        {
            if (Volatile.Read(ref slot.Current) is { } current && current.Execution.Id == execution.Id)
            {
                current.Log.WriteDroppedCount();
                await FlushAsync(current.Log).ConfigureAwait(false);
            }

            if (await CloseAsync(execution, cancellationToken).ConfigureAwait(false) is { } ended)
            {
                closed.Add(ended);
            }
        }

        return closed;
    }

    private async ValueTask<DailyDay> OpenDayAsync(Slot slot, CancellationToken cancellationToken)
    {
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var open = slot.Current;
            if (open is not null && open.Day.Contains(now))
            {
                return open;
            }

            if (open is not null)
            {
                open.Log.WriteDroppedCount();
                await FlushAsync(open.Log).ConfigureAwait(false);
            }

            var registration = slot.Registration;
            var day = LocalDay.Of(now, registration.TimeZone);
            var candidate = new Execution
            {
                Id = ExecutionId.New(now),
                InterfaceId = registration.Id,
                ScheduleId = registration.Schedule.Id,
                Kind = ExecutionKind.Daily,
                Trigger = ExecutionTrigger.Call,
                Window = day.Window,
                UniqueKey = UniqueKeys.Daily(registration.Id, day.Date),
                StartedAt = now,
                NodeId = _nodeId,
                HeartbeatAt = now,
            };
            var creation = await _store.CreateAsync(candidate, cancellationToken).ConfigureAwait(false);
            var execution = creation.Execution;
            if (creation.Created)
            {
                _telemetry.Started(execution);
                Log.ExecutionStarted(_logger, execution.Id, execution.InterfaceId, execution.Trigger, execution.Window);
            }

            var log = new ExecutionLog(_store, _time, _classifier, _telemetry, _logger, _sanitizer, registration.Definition, execution.Id);
            open = new DailyDay(registration, day, execution, log);
            Volatile.Write(ref slot.Current, open);
            await CloseEarlierDaysAsync(registration.Id, cancellationToken).ConfigureAwait(false);
            return open;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Ends a daily execution: KO when the store holds an error line for it, OK otherwise.</summary>
    private async ValueTask<Execution?> CloseAsync(Execution execution, CancellationToken cancellationToken)
    {
        var errors = default(ErrorCounts);
        var query = LogQuery.Errors with { Limit = LogQuery.MaxLimit };
        while (true)
        {
            var page = await _store.ReadLogAsync(execution.Id, query, cancellationToken).ConfigureAwait(false);
            foreach (var line in page)
            {
                errors = errors.Add(line.Category ?? ErrorCategory.Technical);
            }

            if (page.Count < query.Limit)
            {
                break;
            }

            query = query with { AfterSequence = page[^1].Sequence };
        }

        var ended = await _store.CompleteAsync(
            new ExecutionCompletion
            {
                ExecutionId = execution.Id,
                Status = errors.Total > 0 ? ExecutionStatus.KO : ExecutionStatus.OK,
                Reason = errors.Total > 0 ? ExecutionReason.Error : ExecutionReason.None,
                EndedAt = _time.GetUtcNow(),
                Errors = errors,
            },
            cancellationToken).ConfigureAwait(false);
        if (ended is not null)
        {
            _telemetry.Ended(ended);
            Log.ExecutionEnded(_logger, ended.Id, ended.InterfaceId, ended.Status, ended.Reason, ended.Duration ?? TimeSpan.Zero);
        }

        return ended;
    }

    private async ValueTask FlushAsync(ExecutionLog log)
    {
        try
        {
            await log.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.StoreFailed(_logger, e, log.ExecutionId);
        }
    }

    private Slot SlotOf(string interfaceId)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        if (_slots.TryGetValue(interfaceId, out var slot))
        {
            return slot;
        }

        _ = _catalog.GetRegistration(interfaceId);
        throw new InvalidOperationException($"Interface '{interfaceId}' is scheduled: it has no daily execution. Daily executions belong to real-time interfaces.");
    }

    private sealed class Slot(InterfaceRegistration registration)
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public DailyDay? Current;

        public InterfaceRegistration Registration { get; } = registration;
    }
}
