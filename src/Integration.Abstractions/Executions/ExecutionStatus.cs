namespace Integration;

/// <summary>The status of an execution. The reason for it is kept apart, in <see cref="ExecutionReason"/>.</summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum ExecutionStatus
{
    /// <summary>The execution has not ended.</summary>
    Running = 0,

    /// <summary>Ended without any error line.</summary>
    OK = 1,

    /// <summary>Ended with at least one error line, or its connector failed. Shown red.</summary>
    KO = 2,

    /// <summary>Stopped before it ended: the host shut down, an operator cancelled it, or an overlapping occurrence was skipped.</summary>
    Cancelled = 3,

    /// <summary>Its node stopped heartbeating while it ran; it can be re-run.</summary>
    Abandoned = 4,
}
