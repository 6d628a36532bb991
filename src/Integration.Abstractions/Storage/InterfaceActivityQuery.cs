namespace Integration;

/// <summary>Which interface's activity to read, and from when its counts run (the start of its local day).</summary>
/// <param name="InterfaceId">The interface.</param>
/// <param name="Since">The instant from which executions are counted by their start: the start of the interface's "today".</param>
public sealed record InterfaceActivityQuery(string InterfaceId, DateTimeOffset Since)
{
    /// <summary>Checks a list of queries, as a store does before reading: every id is set and given once.</summary>
    /// <param name="interfaces">The queries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="interfaces"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">An interface id is null, empty or given twice.</exception>
    public static void Validate(IReadOnlyList<InterfaceActivityQuery> interfaces)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in interfaces)
        {
            ArgumentNullException.ThrowIfNull(query, nameof(interfaces));
            if (string.IsNullOrEmpty(query.InterfaceId))
            {
                throw new ArgumentException("An interface activity query needs an interface id; one is null or empty.", nameof(interfaces));
            }

            if (!seen.Add(query.InterfaceId))
            {
                throw new ArgumentException($"Interface '{query.InterfaceId}' is asked for twice in one activity read; ask for each interface once.", nameof(interfaces));
            }
        }
    }
}
