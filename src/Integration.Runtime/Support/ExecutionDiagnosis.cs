namespace Integration;

/// <summary>
/// What support needs to know about one execution: did it fail, what went wrong first, whose problem it is,
/// whom to contact, and what to do next. <see cref="ToText"/> renders it for a ticket.
/// </summary>
public sealed record ExecutionDiagnosis
{
    /// <summary>Gets the execution, as the store held it when diagnosed.</summary>
    public required Execution Execution { get; init; }

    /// <summary>Gets the execution's interface; null when the interface is not registered in this host any more.</summary>
    public InterfaceDefinition? Interface { get; init; }

    /// <summary>Gets when the diagnosis was made, read from the host's clock.</summary>
    public DateTimeOffset DiagnosedAt { get; init; }

    /// <summary>
    /// Gets the root errors: the first error lines that are not <see cref="ErrorCategory.Cascade"/>, in log order, up to
    /// <see cref="SupportOptions.RootErrorCount"/>. Read these first: the cascades only follow from them.
    /// </summary>
    public IReadOnlyList<LogEntry> RootErrors { get; init; } = [];

    /// <summary>Gets how many error lines of each category the execution logged (so far, while it runs).</summary>
    public ErrorCounts Errors { get; init; }

    /// <summary>Gets the category of the first root error; null when the execution logged no error.</summary>
    public ErrorCategory? Category => RootErrors.Count > 0 ? RootErrors[0].Category : null;

    /// <summary>Gets the action support should take for <see cref="Category"/>; null when the execution logged no error.</summary>
    public string? Action => Category?.Action();

    /// <summary>Gets whom to contact, one per category of the root errors, in the order the categories first appear.</summary>
    public IReadOnlyList<SupportContact> Contacts { get; init; } = [];

    /// <summary>Gets the maximum duration of the execution's schedule; null when the interface is not registered.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Gets how long the execution lasted, or has run so far while it runs.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Gets a value indicating whether the execution ran past its maximum duration: an anomaly.</summary>
    public bool DurationExceeded => Execution.DurationExceeded || (MaxDuration is { } max && Elapsed > max);

    /// <summary>Gets whether to re-run the execution.</summary>
    public RerunAdvice RerunAdvice { get; init; }

    /// <summary>Gets the latest re-run of the execution, if it was re-run.</summary>
    public Execution? LatestRerun { get; init; }

    /// <summary>Gets the execution this one re-ran, when it is a re-run.</summary>
    public Execution? Original { get; init; }

    /// <summary>
    /// Gets a value indicating whether the interface is probably an API integration, whose analysis can be delegated to
    /// API support: every stored execution of the interface is a daily one AND its type is one of
    /// <see cref="InterfaceType.ExternalSales"/>, <see cref="InterfaceType.PublicWebServices"/> or <see cref="InterfaceType.Exports"/>.
    /// </summary>
    public bool IsProbablyApiIntegration { get; init; }

    /// <summary>
    /// Gets, for a daily execution, the calls (by correlation id) that provoked errors, in the order of their first error,
    /// up to <see cref="SupportOptions.FailedCallCount"/>.
    /// </summary>
    public IReadOnlyList<FailedCall> FailedCalls { get; init; } = [];

    /// <summary>Gets how many calls provoked errors, including those past the listed ones.</summary>
    public int FailedCallCount { get; init; }

    /// <summary>
    /// Gets the operator actions recorded on the execution (who ran it now, re-ran, cancelled or exported it, and when), in
    /// the order they were recorded, up to the first <see cref="MaxActions"/>; read from the store's audit, not the log.
    /// </summary>
    public IReadOnlyList<ExecutionAction> Actions { get; init; } = [];

    /// <summary>
    /// Gets the automatic re-run that follows this execution (it ended KO on an External error and its interface re-runs
    /// those): its attempt number, when it is due, and the execution it started once it did; null when there is none.
    /// </summary>
    public AutomaticRerun? AutomaticRerun { get; init; }

    /// <summary>The most operator actions a diagnosis lists.</summary>
    public const int MaxActions = 50;

    /// <summary>Renders the diagnosis as plain text that support can paste into a ticket.</summary>
    /// <returns>The text, several lines.</returns>
    public string ToText() => DiagnosisText.Render(this);
}
