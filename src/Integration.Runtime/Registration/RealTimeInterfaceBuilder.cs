namespace Integration;

/// <summary>Registers a real-time interface: its direction and the time zone of its local day.</summary>
public sealed class RealTimeInterfaceBuilder : InterfaceBuilderBase<RealTimeInterfaceBuilder>
{
    private InterfaceDirection _direction = InterfaceDirection.Outbound;
    private string _timeZoneId = "UTC";

    internal RealTimeInterfaceBuilder(string interfaceId)
        : base(interfaceId)
    {
    }

    /// <summary>The external system calls the host's API.</summary>
    /// <returns>This builder.</returns>
    public RealTimeInterfaceBuilder Inbound()
    {
        _direction = InterfaceDirection.Inbound;
        return this;
    }

    /// <summary>The host calls the external system (the default).</summary>
    /// <returns>This builder.</returns>
    public RealTimeInterfaceBuilder Outbound()
    {
        _direction = InterfaceDirection.Outbound;
        return this;
    }

    /// <summary>Sets the time zone whose local day groups the calls into one daily execution; UTC by default.</summary>
    /// <param name="timeZoneId">An IANA time zone id such as <c>Europe/Zurich</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The time zone is unknown.</exception>
    public RealTimeInterfaceBuilder TimeZone(string timeZoneId)
    {
        _ = TimeZones.Find(InterfaceId, timeZoneId);
        _timeZoneId = timeZoneId;
        return this;
    }

    internal InterfaceRegistration Build()
    {
        var definition = new InterfaceDefinition
        {
            Id = InterfaceId,
            DisplayName = DisplayNameValue ?? InterfaceId,
            Type = TypeValue,
            Provider = ProviderValue,
            ConfigurationOwner = ConfigurationOwnerValue,
            MappingOwner = MappingOwnerValue,
            Mode = InterfaceMode.RealTime,
            Direction = _direction,
            Schedule = new ScheduleDefinition { Id = ScheduleDefinition.DailyScheduleId(InterfaceId), TimeZoneId = _timeZoneId },
        };
        return new InterfaceRegistration(definition, TimeZones.Find(InterfaceId, _timeZoneId), cron: null);
    }
}
