namespace Integration;

/// <summary>The open daily execution of one real-time interface for one local day, with the log its calls write into.</summary>
internal sealed class DailyDay(InterfaceRegistration registration, LocalDay day, Execution execution, ExecutionLog log)
{
    public InterfaceRegistration Registration { get; } = registration;

    public LocalDay Day { get; } = day;

    public Execution Execution { get; } = execution;

    public ExecutionLog Log { get; } = log;
}
