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
}
