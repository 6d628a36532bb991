namespace Integration;

/// <summary>Why an execution has the status it has.</summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum ExecutionReason
{
    /// <summary>No particular reason: running, or ended OK.</summary>
    None = 0,

    /// <summary>An error was logged or the connector failed.</summary>
    Error = 1,

    /// <summary>The duration guard cancelled it (<see cref="DurationPolicy.Cancel"/>).</summary>
    Timeout = 2,

    /// <summary>The host shut down or an operator cancelled it.</summary>
    Cancelled = 3,

    /// <summary>Its occurrence overlapped a running execution of the same schedule and was not run.</summary>
    Skipped = 4,

    /// <summary>Its node stopped heartbeating.</summary>
    Abandoned = 5,
}
