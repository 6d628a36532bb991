namespace Integration;

/// <summary>What the runner is asked to run.</summary>
internal sealed record ExecutionRequest(
    InterfaceRegistration Registration,
    ExecutionTrigger Trigger,
    ExecutionWindow Window,
    string? UniqueKey,
    ExecutionId? RerunOf)
{
    /// <summary>Gets the line that opens the execution's log, naming the operator who asked for it; null for none.</summary>
    public string? AuditLine { get; init; }
}
