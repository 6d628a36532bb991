namespace Integration.Storage.InMemory;

/// <summary>The interface activity of the reference store (for the interface overview).</summary>
internal sealed partial class InMemoryExecutionStore
{
    // One pass over every execution: the reference store keeps no index by interface (a SQL store seeks per interface).
    public ValueTask<IReadOnlyList<InterfaceActivity>> GetInterfaceActivityAsync(IReadOnlyList<InterfaceActivityQuery> interfaces, CancellationToken cancellationToken = default)
    {
        InterfaceActivityQuery.Validate(interfaces);
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = new Dictionary<string, (InterfaceActivityQuery Query, InterfaceActivity Activity, Slot? Ko)>(interfaces.Count, StringComparer.Ordinal);
        foreach (var query in interfaces)
        {
            wanted[query.InterfaceId] = (query, new InterfaceActivity { InterfaceId = query.InterfaceId }, null);
        }

        foreach (var slot in Slots)
        {
            var e = slot.Execution;
            if (!wanted.TryGetValue(e.InterfaceId, out var entry))
            {
                continue;
            }

            var a = entry.Activity;
            var counted = e.StartedAt >= entry.Query.Since;
            a = a with
            {
                LastExecution = Newer(a.LastExecution, e),
                Running = e.Status == ExecutionStatus.Running ? Newer(a.Running, e) : a.Running,
                OkSince = a.OkSince + (counted && e.Status == ExecutionStatus.OK ? 1 : 0),
                KoSince = a.KoSince + (counted && e.Status == ExecutionStatus.KO ? 1 : 0),
                HasScheduledExecutions = a.HasScheduledExecutions || e.Kind != ExecutionKind.Daily,
            };
            var ko = entry.Ko;
            if (e.Status == ExecutionStatus.KO && (a.LastKo is null || e.Id > a.LastKo.Id))
            {
                a = a with { LastKo = e };
                ko = slot;
            }

            wanted[e.InterfaceId] = (entry.Query, a, ko);
        }

        var result = new List<InterfaceActivity>(interfaces.Count);
        foreach (var query in interfaces)
        {
            var (_, activity, ko) = wanted[query.InterfaceId];
            var firstError = ko?.Log.Read(0, 1, ExecutionLogLevel.Error) is [var line, ..] ? line.Category ?? ErrorCategory.Technical : (ErrorCategory?)null;
            result.Add(activity with { LastKoFirstError = firstError });
        }

        return new(result);

        static Execution Newer(Execution? current, Execution candidate) => current is null || candidate.Id > current.Id ? candidate : current;
    }
}
