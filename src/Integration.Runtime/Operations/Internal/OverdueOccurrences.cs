namespace Integration;

/// <summary>
/// Notices a scheduled occurrence that passed its grace period with no execution started, on any node: remembers each
/// interface's next expected occurrence between two looks at its overview, so an occurrence that passed before the first
/// look is not reported. A paused or disabled schedule owes nothing: after a resume, only the occurrences from then on
/// are expected. Used by the notifications' watcher and (compiled in) by the health checks. Not thread-safe: one caller
/// looks at a time.
/// </summary>
internal sealed class OverdueOccurrences
{
    private readonly Dictionary<string, DateTimeOffset> _expected = new(StringComparer.Ordinal);

    /// <summary>Gets the occurrence of the interface that is overdue at <paramref name="now"/>; null when none is.</summary>
    public DateTimeOffset? Look(InterfaceOverview overview, DateTimeOffset now, TimeSpan grace)
    {
        var id = overview.Interface.Id;
        if (overview.Interface.Mode != InterfaceMode.Scheduled || overview.IsPaused || !overview.Interface.Schedule.Enabled || overview.NextOccurrences.Count == 0)
        {
            _expected.Remove(id);
            return null;
        }

        if (!_expected.TryGetValue(id, out var due) || overview.LastExecution?.StartedAt >= due)
        {
            _expected[id] = overview.NextOccurrences[0];
            return null;
        }

        return now >= due + grace ? due : null;
    }
}
