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
    /// <returns>The runs, oldest first.</returns>
    public static IReadOnlyList<ScheduledRun> Plan(CronSchedule cron, ScheduleDefinition schedule, IReadOnlyList<DateTimeOffset> due, bool missedOnly)
    {
        if (due.Count == 0)
        {
            return [];
        }

        if (due.Count == 1 && !missedOnly)
        {
            return [new ScheduledRun(due[0], cron.WindowOf(due[0]))];
        }

        return schedule.MisfirePolicy switch
        {
            MisfirePolicy.Skip => [],

            // One execution for the latest missed occurrence; its window reaches back to the last occurrence that
            // ran, so the data of the missed periods is not left out.
            MisfirePolicy.RunOnce => [new ScheduledRun(due[^1], new ExecutionWindow(cron.WindowOf(due[0]).From, due[^1]))],

            // One execution per missed occurrence, each with its own window; the latest ones when over the cap.
            _ => due.Skip(Math.Max(0, due.Count - schedule.MaxMisfireRuns)).Select(o => new ScheduledRun(o, cron.WindowOf(o))).ToList(),
        };
    }
}
