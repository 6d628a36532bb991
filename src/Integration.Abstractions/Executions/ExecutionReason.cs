namespace Integration;

/// <summary>Why an execution has the status it has.</summary>
public enum ExecutionReason
{
    /// <summary>No particular reason: running, or ended OK.</summary>
    None,

    /// <summary>An error was logged or the connector failed.</summary>
    Error,

    /// <summary>The duration guard cancelled it (<see cref="DurationPolicy.Cancel"/>).</summary>
    Timeout,

    /// <summary>The host shut down or an operator cancelled it.</summary>
    Cancelled,

    /// <summary>Its occurrence overlapped a running execution of the same schedule and was not run.</summary>
    Skipped,

    /// <summary>Its node stopped heartbeating.</summary>
    Abandoned,
}
