namespace Integration;

/// <summary>What an execution groups.</summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum ExecutionKind
{
    /// <summary>One run of a scheduled interface (one occurrence, a run now or a re-run).</summary>
    Scheduled = 0,

    /// <summary>The calls of one local day of a real-time interface.</summary>
    Daily = 1,
}
