using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Notices transitions from the operations overview (two store reads for every interface) and publishes one
/// notification per transition: an interface turning KO or recovering (read from its newest ended executions, only when
/// its newest execution changed), an occurrence overdue, an execution over its maximum duration, a stale daily execution.
/// Every node watches; the notifications' keys make the outbox keep each once.
/// </summary>
/// <remarks>
/// An overdue occurrence is one this node expected: it remembers each scheduled interface's next occurrence between two
/// looks, so an occurrence that passed before the node started is not reported by it (another node's watcher may).
/// </remarks>
internal sealed class NotificationWatcher(
    IExecutionOperations operations,
    IExecutionStore store,
    InterfaceCatalog catalog,
    NotificationPublisher publisher,
    TimeProvider time,
    IOptions<NotificationOptions> options)
{
    /// <summary>How many of an interface's newest executions are read to find its last two that ended OK or KO.</summary>
    public const int HistoryDepth = 20;

    private readonly Dictionary<string, (ExecutionId? Last, ExecutionStatus? Status)> _seen = new(StringComparer.Ordinal);
    private readonly OverdueOccurrences _overdue = new();
    private readonly Dictionary<string, ExecutionId> _outcomes = new(StringComparer.Ordinal);

    /// <summary>Looks once at every interface and publishes the transitions found.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var overviews = await operations.GetOverviewAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var overview in overviews)
        {
            if (!catalog.TryGet(overview.Interface.Id, out var definition))
            {
                continue;
            }

            await CheckOutcomeAsync(overview, definition, now, settings, cancellationToken).ConfigureAwait(false);
            if (_overdue.Look(overview, now, settings.OverdueGrace) is { } occurrence)
            {
                await publisher.OverdueAsync(definition, occurrence, overview.LastExecution?.Id).ConfigureAwait(false);
            }

            if (overview.StaleDaily(now, settings.StaleDailyGrace) is { } stale)
            {
                await publisher.StaleDailyAsync(definition, stale).ConfigureAwait(false);
            }
            else if (overview.OverMaxDuration(now) is { } over)
            {
                await publisher.OverMaxDurationAsync(definition, over).ConfigureAwait(false);
            }
        }
    }

    private async Task CheckOutcomeAsync(InterfaceOverview overview, InterfaceDefinition definition, DateTimeOffset now, NotificationOptions settings, CancellationToken cancellationToken)
    {
        var id = definition.Id;
        // The first look at an interface (whether it had executions then or not): what ends after it is news.
        var firstLook = !_seen.TryGetValue(id, out var seen);
        var last = overview.LastExecution;
        _seen[id] = (last?.Id, last?.Status);
        if (last is null || (!firstLook && seen.Last == last.Id && seen.Status == last.Status))
        {
            return;
        }

        if (firstLook && overview.LastKo is null)
        {
            // Never KO: neither turning KO nor recovering can have happened.
            return;
        }

        var page = await store.QueryAsync(new ExecutionQuery { InterfaceId = id, Limit = HistoryDepth }, cancellationToken).ConfigureAwait(false);
        var outcomes = page.Items.Where(e => e.Status is ExecutionStatus.OK or ExecutionStatus.KO).ToList();
        if (outcomes.Count == 0)
        {
            return;
        }

        // Every transition among the outcomes that ended since the last look, oldest first: several executions may end
        // between two looks (a quick automatic re-run after a KO). On a first look, only the newest one: older ones are
        // history, not news.
        var known = _outcomes.TryGetValue(id, out var processed);
        _outcomes[id] = outcomes[0].Id;
        var fresh = firstLook ? 1 : outcomes.TakeWhile(e => !known || e.Id > processed).Count();
        for (var i = fresh - 1; i >= 0; i--)
        {
            var newest = outcomes[i];
            var before = i + 1 < outcomes.Count ? outcomes[i + 1] : null;
            if (newest.EndedAt is not { } ended || ended < now - settings.KeepDelivered)
            {
                // A transition older than the outbox keeps its delivered notifications is not news (and may have been sent).
                continue;
            }

            if (newest.Status == ExecutionStatus.KO && before?.Status != ExecutionStatus.KO)
            {
                var category = overview.LastKo?.Id == newest.Id ? overview.LastKoFirstError : await FirstErrorAsync(newest, cancellationToken).ConfigureAwait(false);
                var retry = definition.Schedule.ExternalFailureRetry is not null && category == ErrorCategory.External
                    ? await store.GetRunRequestAsync(ExternalFailureRetries.RequestId(newest.Id), cancellationToken).ConfigureAwait(false)
                    : null;
                await publisher.TurnedKoAsync(definition, newest, category, retry).ConfigureAwait(false);
            }
            else if (newest.Status == ExecutionStatus.OK && before is { Status: ExecutionStatus.KO })
            {
                await publisher.RecoveredAsync(definition, newest, before).ConfigureAwait(false);
            }
        }
    }

    private async Task<ErrorCategory?> FirstErrorAsync(Execution execution, CancellationToken cancellationToken)
    {
        var lines = await store.ReadLogAsync(execution.Id, new LogQuery { MinLevel = ExecutionLogLevel.Error, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return lines.Count > 0 ? lines[0].Category : null;
    }
}
