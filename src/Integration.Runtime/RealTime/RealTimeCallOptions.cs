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

    /// <summary>
    /// Gets a value indicating whether the call writes the line that says how it ended itself, with its status and
    /// duration, as <c>WithDailyExecution()</c> does with an inbound request's exchange line. A call that succeeds then
    /// gets no <c>"&lt;operation&gt;: succeeded in N ms"</c> line of its own, which would repeat it; a call that throws
    /// or is cancelled still gets its closing line. Defaults to <see langword="false"/>.
    /// </summary>
    public bool LogsOutcome { get; init; }
}
