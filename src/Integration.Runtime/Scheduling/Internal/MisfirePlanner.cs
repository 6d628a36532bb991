namespace Integration;

/// <summary>
/// Decides which due occurrences of a schedule run: a pure function of the schedule and its due occurrences. One
/// occurrence due is an ordinary firing; several due (the host was down, or stalled) is a misfire, handled by the
/// schedule's <see cref="MisfirePolicy"/>.
/// </summary>
internal static class MisfirePlanner
{
    /// <summary>Gets the runs owed for the due occurrences.</summary>
    /// <param name="cron">The schedule's cron.</param>
    /// <param name="schedule">The schedule, for its policy and cap.</param>
    /// <param name="due">The occurrences after the last one that ran, up to now, oldest first.</param>
    /// <param name="missedOnly">True at start-up: even a single due occurrence was missed while the host was down.</param>
    /// <param name="lastRun">The occurrence run last, when known: the first due occurrence's window likely starts there.</param>
    /// <returns>The runs, oldest first.</returns>
    public static IReadOnlyList<ScheduledRun> Plan(CronSchedule cron, ScheduleDefinition schedule, IReadOnlyList<DateTimeOffset> due, bool missedOnly, DateTimeOffset? lastRun = null)
    {
        if (due.Count == 0)
        {
            return [];
        }

        if (due.Count == 1 && !missedOnly)
        {
            return [new ScheduledRun(due[0], cron.WindowOf(due[0], lastRun))];
        }

        return schedule.MisfirePolicy switch
        {
            MisfirePolicy.Skip => [],

            // One execution for the latest missed occurrence; its window reaches back to the last occurrence that
            // ran, so the data of the missed periods is not left out.
            MisfirePolicy.RunOnce => [new ScheduledRun(due[^1], new ExecutionWindow(cron.WindowOf(due[0], lastRun).From, due[^1]))],

            // One execution per missed occurrence, each with its own window; the latest ones when over the cap.
            _ => RunAll(cron, due, Math.Max(0, due.Count - schedule.MaxMisfireRuns), lastRun),
        };
    }

    private static List<ScheduledRun> RunAll(CronSchedule cron, IReadOnlyList<DateTimeOffset> due, int skip, DateTimeOffset? lastRun)
    {
        var runs = new List<ScheduledRun>(due.Count - skip);
        for (var i = skip; i < due.Count; i++)
        {
            // Each due occurrence is the previous one of the next.
            runs.Add(new ScheduledRun(due[i], cron.WindowOf(due[i], i == 0 ? lastRun : due[i - 1])));
        }

        return runs;
    }
}
