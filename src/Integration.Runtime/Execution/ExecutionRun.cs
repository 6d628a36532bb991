namespace Integration;

/// <summary>An execution handed to the runner: what it was when created, and its end.</summary>
public sealed class ExecutionRun
{
    internal ExecutionRun(Execution execution, bool started, Task<Execution> completion)
    {
        Execution = execution;
        Started = started;
        Completion = completion;
    }

    /// <summary>Gets the execution as created (or as found, when <see cref="Started"/> is false).</summary>
    public Execution Execution { get; }

    /// <summary>Gets the execution's id.</summary>
    public ExecutionId Id => Execution.Id;

    /// <summary>
    /// Gets a value indicating whether this call started the connector. False when the occurrence already had an
    /// execution (another node or an earlier call created it) or when it was skipped because of an overlap. On a host that
    /// only operates (<see cref="ExecutionsOptions.OperateOnly"/>), the run is handed back once an executing node started it,
    /// and this tells whether that node ran the connector (false: skipped because of an overlap).
    /// </summary>
    public bool Started { get; }

    /// <summary>
    /// Gets a task that completes with the execution as it ended. On a host that only operates, it watches the store
    /// every <see cref="RunRequestOptions.PollInterval"/> until the executing node ends the execution.
    /// </summary>
    public Task<Execution> Completion { get; }
}
