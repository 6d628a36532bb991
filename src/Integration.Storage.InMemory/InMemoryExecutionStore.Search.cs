namespace Integration.Storage.InMemory;

/// <summary>The line search of the reference store: it reads every line (a store for tests and demos needs no index).</summary>
internal sealed partial class InMemoryExecutionStore
{
    public ValueTask<LinePage> SearchLinesAsync(LineSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var words = search.Text is { } text ? LineSearch.Words(text) : null;
        var matches = new List<LineMatch>();
        foreach (var slot in Slots)
        {
            var execution = slot.Execution;
            if (search.InterfaceId is { } interfaceId && !string.Equals(execution.InterfaceId, interfaceId, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var line in slot.Log.Read(0, int.MaxValue, ExecutionLogLevel.Debug))
            {
                var match = new LineMatch(execution.Id, execution.InterfaceId, execution.Kind, line);
                if (Matches(search, words, match))
                {
                    matches.Add(match);
                }
            }
        }

        var page = matches
            .OrderByDescending(m => m.Line.Time)
            .ThenByDescending(m => m.ExecutionId)
            .ThenByDescending(m => m.Line.Sequence)
            .Take(search.Limit + 1)
            .ToList();
        LineSearchCursor? next = null;
        if (page.Count > search.Limit)
        {
            page.RemoveAt(page.Count - 1);
            next = page[^1].Cursor;
        }

        return new(new LinePage(page, next));
    }

    private static bool Matches(LineSearch search, IReadOnlyList<string>? words, LineMatch match)
    {
        var line = match.Line;
        return (search.CorrelationId is null || string.Equals(line.CorrelationId, search.CorrelationId, StringComparison.Ordinal))
            && (search.Text is null || string.Equals(line.CorrelationId, search.Text, StringComparison.Ordinal) || LineSearch.HoldsWords(line.Message, words!))
            && (search.From is null || line.Time >= search.From)
            && (search.Before is null || line.Time < search.Before)
            && (search.After is not { } after || SortsAfter(match, after));
    }

    // Newest first: a line sorts after the cursor when its key (time, execution, sequence) is smaller.
    private static bool SortsAfter(LineMatch match, LineSearchCursor cursor)
    {
        var byTime = match.Line.Time.CompareTo(cursor.Time);
        if (byTime != 0)
        {
            return byTime < 0;
        }

        var byExecution = match.ExecutionId.CompareTo(cursor.ExecutionId);
        return byExecution != 0 ? byExecution < 0 : match.Line.Sequence < cursor.Sequence;
    }
}
