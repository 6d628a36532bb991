namespace Integration;

/// <summary>The open daily execution of one real-time interface for one local day, with the log its calls write into.</summary>
internal sealed class DailyDay(InterfaceRegistration registration, LocalDay day, Execution execution, ExecutionLog log, DayEndWatch endWatch)
{
    public InterfaceRegistration Registration { get; } = registration;

    public LocalDay Day { get; } = day;

    public Execution Execution { get; } = execution;

    public ExecutionLog Log { get; } = log;

    /// <summary>Gets the watch that tells this day's calls when they must read the clock (its last minute).</summary>
    public DayEndWatch EndWatch { get; } = endWatch;
}
