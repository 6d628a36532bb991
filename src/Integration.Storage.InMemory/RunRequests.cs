namespace Integration.Storage.InMemory;

/// <summary>
/// The in-memory store's run requests: a dictionary under one lock, so that a claim reads and takes requests in one
/// step (two claimers never both get one). A request is due (<see cref="RunRequest.DueAt"/>) by the store's clock.
/// </summary>
internal sealed class RunRequests(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, RunRequest> _requests = [];

    public RunRequest Add(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.InterfaceId);
        lock (_lock)
        {
            if (_requests.TryGetValue(request.Id, out var stored))
            {
                return stored;
            }

            stored = request with { RequestedAt = time.GetUtcNow(), ClaimedBy = null, ClaimedAt = null, ExecutionId = null };
            _requests.Add(request.Id, stored);
            return stored;
        }
    }

    public IReadOnlyList<RunRequest> Claim(string nodeId, IReadOnlyCollection<string> interfaceIds, int limit, TimeSpan claimTimeout)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentNullException.ThrowIfNull(interfaceIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(claimTimeout, TimeSpan.Zero);
        var ids = interfaceIds.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var claimed = _requests.Values
                .Where(r => r.ExecutionId is null && ids.Contains(r.InterfaceId) && (r.DueAt is null || r.DueAt <= now)
                    && (r.ClaimedAt is null || r.ClaimedAt <= now - claimTimeout))
                .OrderBy(r => r.RequestedAt)
                .ThenBy(r => r.Id.ToString("D"), StringComparer.Ordinal)
                .Take(limit)
                .Select(r => r with { ClaimedBy = nodeId, ClaimedAt = now })
                .ToList();
            foreach (var request in claimed)
            {
                _requests[request.Id] = request;
            }

            return claimed;
        }
    }

    public bool MarkStarted(Guid requestId, ExecutionId executionId)
    {
        lock (_lock)
        {
            if (!_requests.TryGetValue(requestId, out var request) || request.ExecutionId is not null)
            {
                return false;
            }

            _requests[requestId] = request with { ExecutionId = executionId };
            return true;
        }
    }

    public RunRequest? Get(Guid requestId)
    {
        lock (_lock)
        {
            return _requests.GetValueOrDefault(requestId);
        }
    }
}
