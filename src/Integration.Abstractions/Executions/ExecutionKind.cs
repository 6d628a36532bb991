namespace Integration;

/// <summary>What an execution groups.</summary>
public enum ExecutionKind
{
    /// <summary>One run of a scheduled interface (one occurrence, a run now or a re-run).</summary>
    Scheduled,

    /// <summary>The calls of one local day of a real-time interface.</summary>
    Daily,
}
