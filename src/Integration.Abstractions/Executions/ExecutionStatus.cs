namespace Integration;

/// <summary>The status of an execution. The reason for it is kept apart, in <see cref="ExecutionReason"/>.</summary>
public enum ExecutionStatus
{
    /// <summary>The execution has not ended.</summary>
    Running,

    /// <summary>Ended without any error line.</summary>
    OK,

    /// <summary>Ended with at least one error line, or its connector failed. Shown red.</summary>
    KO,

    /// <summary>Stopped before it ended: the host shut down, an operator cancelled it, or an overlapping occurrence was skipped.</summary>
    Cancelled,

    /// <summary>Its node stopped heartbeating while it ran; it can be re-run.</summary>
    Abandoned,
}
