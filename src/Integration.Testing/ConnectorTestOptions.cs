namespace Integration.Testing;

/// <summary>How <see cref="ConnectorTest"/> registers the connector's interface and sets its clock.</summary>
public sealed class ConnectorTestOptions
{
    /// <summary>Gets or sets the instant the fake clock starts at; defaults to the end of the window.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Gets or sets the interface's type.</summary>
    public InterfaceType Type { get; set; } = new("Test");

    /// <summary>Gets or sets the interface's provider, if the connector reads it.</summary>
    public ProviderInfo? Provider { get; set; }

    /// <summary>Gets or sets the duration guard's limit; one hour by default.</summary>
    public TimeSpan MaxDuration { get; set; } = ScheduleDefinition.DefaultMaxDuration;

    /// <summary>Gets or sets what the duration guard does at the limit.</summary>
    public DurationPolicy DurationPolicy { get; set; } = DurationPolicy.Flag;
}
