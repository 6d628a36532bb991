namespace Integration;

/// <summary>One integration with one external system, as registered by the host.</summary>
public sealed record InterfaceDefinition
{
    /// <summary>Gets the interface's id, unique in the host, e.g. <c>fnac-sales</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the name shown to people; defaults to the id.</summary>
    public string DisplayName { get => field ?? Id; init; }

    /// <summary>Gets the interface's type.</summary>
    public InterfaceType Type { get; init; }

    /// <summary>Gets the external party and its support contact.</summary>
    public ProviderInfo Provider { get; init; } = ProviderInfo.Unknown;

    /// <summary>Gets how the interface is triggered.</summary>
    public InterfaceMode Mode { get; init; }

    /// <summary>Gets who calls whom.</summary>
    public InterfaceDirection Direction { get; init; }

    /// <summary>
    /// Gets the interface's schedule: its cron for a scheduled interface; for a real-time interface the
    /// <c>&lt;interface&gt;_daily</c> schedule, whose time zone sets the local day.
    /// </summary>
    public required ScheduleDefinition Schedule { get; init; }

    /// <summary>Gets whom support contacts when the interface's configuration is wrong or missing (an address, a team, a URL); null when not registered.</summary>
    public string? ConfigurationOwner { get; init; }

    /// <summary>Gets whom support contacts when data cannot be mapped between the two systems; null when not registered.</summary>
    public string? MappingOwner { get; init; }

    /// <summary>Gets the connector type run for each execution; null for an interface with no connector (inbound real-time).</summary>
    public Type? ConnectorType { get; init; }
}
