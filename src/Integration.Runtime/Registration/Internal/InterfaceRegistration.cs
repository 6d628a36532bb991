namespace Integration;

/// <summary>An interface as the runtime holds it: its definition, its parsed schedule and its time zone.</summary>
internal sealed class InterfaceRegistration(InterfaceDefinition definition, TimeZoneInfo timeZone, CronSchedule? cron)
{
    public InterfaceDefinition Definition { get; } = definition;

    public string Id => Definition.Id;

    public TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>Gets the parsed cron schedule; null for a real-time interface.</summary>
    public CronSchedule? Cron { get; } = cron;

    public ScheduleDefinition Schedule => Definition.Schedule;

    /// <summary>Gets a value indicating whether the scheduler fires the schedule now (operators may change it at run time).</summary>
    public bool Enabled => _enabled;

    /// <summary>Gets when the schedule was last enabled at run time: occurrences before it are not misfires.</summary>
    public DateTimeOffset? EnabledSince => _enabledSince;

    /// <summary>Gets the definition with the schedule's current enabled flag.</summary>
    public InterfaceDefinition Current => Definition.Schedule.Enabled == _enabled
        ? Definition
        : Definition with { Schedule = Definition.Schedule with { Enabled = _enabled } };

    private volatile bool _enabled = definition.Schedule.Enabled;
    private readonly Lock _gate = new();
    private DateTimeOffset? _enabledSince;

    /// <summary>Enables or disables the schedule; returns whether that changed anything.</summary>
    public bool SetEnabled(bool enabled, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_enabled == enabled)
            {
                return false;
            }

            _enabledSince = enabled ? now : _enabledSince;
            _enabled = enabled;
            return true;
        }
    }
}
