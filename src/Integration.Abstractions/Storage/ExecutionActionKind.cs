namespace Integration;

/// <summary>What an operator did to an execution. Stored as a number: the values are pinned.</summary>
public enum ExecutionActionKind
{
    /// <summary>The execution was started by "run now" (<see cref="ExecutionAction.Detail"/> is null).</summary>
    RunNow = 1,

    /// <summary>The execution was started as a re-run (<see cref="ExecutionAction.Detail"/> is the id of the execution it re-runs).</summary>
    Rerun = 2,

    /// <summary>A cancel of the execution was asked (<see cref="ExecutionAction.Detail"/> says whether it was delivered at once or requested).</summary>
    Cancel = 3,

    /// <summary>The execution was exported (<see cref="ExecutionAction.Detail"/> is the format, e.g. <c>xlsx</c>).</summary>
    Export = 4,
}
