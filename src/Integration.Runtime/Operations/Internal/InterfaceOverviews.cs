namespace Integration;

/// <summary>
/// Builds the overview of every registered interface with two store calls, whatever their number: the schedule states
/// (one read) and the activity (one read, index seeks per interface). Definitions, next occurrences and local days come
/// from the catalog and the clock.
/// </summary>
internal static class InterfaceOverviews
{
    public static async ValueTask<IReadOnlyList<InterfaceOverview>> ReadAsync(InterfaceCatalog catalog, IExecutionStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var registrations = catalog.Registrations;
        var now = time.GetUtcNow();
        var days = registrations.Select(r => LocalDay.Of(now, r.TimeZone)).ToArray();
        var states = await store.GetScheduleStatesAsync(cancellationToken).ConfigureAwait(false);
        var activities = await store.GetInterfaceActivityAsync(
            registrations.Select((r, i) => new InterfaceActivityQuery(r.Id, days[i].Start)).ToArray(),
            cancellationToken).ConfigureAwait(false);

        var overviews = new InterfaceOverview[registrations.Count];
        for (var i = 0; i < registrations.Count; i++)
        {
            var registration = registrations[i];
            var activity = activities[i];
            var definition = registration.Current;
            overviews[i] = new InterfaceOverview
            {
                Interface = definition,
                ScheduleState = states.GetValueOrDefault(registration.Schedule.Id),
                NextOccurrences = NextOccurrences(registration.Cron, now),
                Today = days[i].Date,
                TodayStart = days[i].Start,
                LastExecution = activity.LastExecution,
                LastKo = activity.LastKo,
                LastKoFirstError = activity.LastKoFirstError,
                OkToday = activity.OkSince,
                KoToday = activity.KoSince,
                Running = activity.Running,
                IsProbablyApiIntegration = definition.Mode == InterfaceMode.RealTime && definition.Type.IsApiSupportType && !activity.HasScheduledExecutions,
            };
        }

        return overviews;
    }

    private static DateTimeOffset[] NextOccurrences(CronSchedule? cron, DateTimeOffset now)
    {
        if (cron is null)
        {
            return [];
        }

        var occurrences = new List<DateTimeOffset>(InterfaceOverview.NextOccurrenceCount);
        var after = now;
        while (occurrences.Count < InterfaceOverview.NextOccurrenceCount && cron.GetNextOccurrence(after) is { } next)
        {
            occurrences.Add(next);
            after = next;
        }

        return [.. occurrences];
    }
}
