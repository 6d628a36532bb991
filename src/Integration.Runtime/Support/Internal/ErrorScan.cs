namespace Integration;

/// <summary>What a diagnosis gathers from an execution's error lines, read in order.</summary>
internal sealed class ErrorScan(int rootLimit, int callLimit, InterfaceDirection defaultDirection)
{
    private readonly List<LogEntry> _roots = [];
    private readonly List<FailedCall> _calls = [];
    private readonly Dictionary<string, int> _callIndex = new(StringComparer.Ordinal);

    public IReadOnlyList<LogEntry> Roots => _roots;

    public IReadOnlyList<FailedCall> Calls => _calls;

    public int CallCount => _callIndex.Count;

    public ErrorCounts Errors { get; private set; }

    public bool RootsComplete => _roots.Count >= rootLimit;

    public void Add(in LogEntry line, bool trackCalls)
    {
        if (!line.IsError)
        {
            return;
        }

        var category = line.Category ?? ErrorCategory.Technical;
        Errors = Errors.Add(category);
        if (category != ErrorCategory.Cascade && _roots.Count < rootLimit)
        {
            _roots.Add(line.Category is null ? line with { Category = category } : line);
        }

        if (trackCalls && line.CorrelationId is { Length: > 0 } correlationId)
        {
            TrackCall(line, correlationId);
        }
    }

    private void TrackCall(in LogEntry line, string correlationId)
    {
        if (_callIndex.TryGetValue(correlationId, out var index))
        {
            if (index >= 0)
            {
                _calls[index] = _calls[index] with { ErrorCount = _calls[index].ErrorCount + 1 };
            }

            return;
        }

        if (_calls.Count < callLimit)
        {
            _callIndex[correlationId] = _calls.Count;
            _calls.Add(new FailedCall(correlationId, line.Exchange?.Direction ?? defaultDirection, line.Sequence, line.Time, line.Message, 1));
        }
        else
        {
            _callIndex[correlationId] = -1;
        }
    }
}
