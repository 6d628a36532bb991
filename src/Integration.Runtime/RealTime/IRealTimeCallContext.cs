namespace Integration;

/// <summary>What one real-time call is given: its daily execution's context, plus the call's own identity.</summary>
public interface IRealTimeCallContext : IExecutionContext
{
    /// <summary>Gets the call's correlation id, stamped on every line the call writes.</summary>
    string CorrelationId { get; }

    /// <summary>Gets the operation, e.g. <c>GET /prices/42</c>.</summary>
    string Operation { get; }

    /// <summary>Gets who called whom: <see cref="InterfaceDirection.Outbound"/> when the host is the caller.</summary>
    InterfaceDirection Direction { get; }
}
