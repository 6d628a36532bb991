namespace Integration;

/// <summary>One operator action on an execution (run now, re-run, cancel, export), kept in the execution's audit.</summary>
/// <param name="ExecutionId">The execution acted on.</param>
/// <param name="Kind">What was done.</param>
/// <param name="At">When, by the store's clock.</param>
/// <param name="Actor">Who did it, as the caller's identity names them; null when not named.</param>
/// <param name="Detail">What else the action says (the format of an export, the execution a re-run re-runs); null when nothing.</param>
public sealed record ExecutionAction(ExecutionId ExecutionId, ExecutionActionKind Kind, DateTimeOffset At, string? Actor, string? Detail);
