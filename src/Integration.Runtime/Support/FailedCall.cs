namespace Integration;

/// <summary>One real-time call of a daily execution that provoked errors, identified by its correlation id.</summary>
/// <param name="CorrelationId">The call's correlation id.</param>
/// <param name="Direction">Who called whom: <see cref="InterfaceDirection.Outbound"/> when the host was the caller, <see cref="InterfaceDirection.Inbound"/> when it was the callee.</param>
/// <param name="FirstErrorSequence">The sequence of the call's first error line.</param>
/// <param name="FirstErrorTime">When the call's first error line was written.</param>
/// <param name="FirstErrorMessage">The call's first error message.</param>
/// <param name="ErrorCount">How many error lines the call provoked.</param>
public sealed record FailedCall(
    string CorrelationId,
    InterfaceDirection Direction,
    long FirstErrorSequence,
    DateTimeOffset FirstErrorTime,
    string FirstErrorMessage,
    int ErrorCount)
{
    /// <summary>Gets a value indicating whether the host made the call (true) or received it (false).</summary>
    public bool HostWasCaller => Direction == InterfaceDirection.Outbound;
}
