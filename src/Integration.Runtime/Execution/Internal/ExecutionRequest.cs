namespace Integration;

/// <summary>What the runner is asked to run.</summary>
internal sealed record ExecutionRequest(
    InterfaceRegistration Registration,
    ExecutionTrigger Trigger,
    ExecutionWindow Window,
    string? UniqueKey,
    ExecutionId? RerunOf);
