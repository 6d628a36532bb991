namespace Integration;

/// <summary>One page of executions, newest first.</summary>
/// <param name="Items">The executions.</param>
/// <param name="Next">The cursor of the next page (<see cref="ExecutionQuery.Before"/>), or null on the last page.</param>
public sealed record ExecutionPage(IReadOnlyList<Execution> Items, ExecutionId? Next);
