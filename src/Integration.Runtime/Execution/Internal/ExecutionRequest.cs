namespace Integration;

/// <summary>What the runner is asked to run.</summary>
internal sealed record ExecutionRequest(
    InterfaceRegistration Registration,
    ExecutionTrigger Trigger,
    ExecutionWindow Window,
    string? UniqueKey,
    ExecutionId? RerunOf)
{
    /// <summary>
    /// Gets the operator action that asks for this run, recorded on the new execution (whose log opens with its line,
    /// naming who asked); null when no operator asked (the scheduler, a host's own call).
    /// </summary>
    public OperatorAction? Action { get; init; }

    /// <summary>Gets, for an automatic re-run of an External failure, its number in the failure chain (1 for the first); null otherwise.</summary>
    public int? RetryAttempt { get; init; }
}
