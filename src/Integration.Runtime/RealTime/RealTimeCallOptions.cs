namespace Integration;

/// <summary>Optional settings of one real-time call.</summary>
public sealed record RealTimeCallOptions
{
    /// <summary>Gets the call's correlation id (e.g. an inbound request's trace id); a new one is made when null.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets who called whom; defaults to the interface's direction.</summary>
    public InterfaceDirection? Direction { get; init; }

    /// <summary>Gets the services the call runs with (e.g. an ASP.NET Core request's); defaults to the host's root services.</summary>
    public IServiceProvider? Services { get; init; }
}
