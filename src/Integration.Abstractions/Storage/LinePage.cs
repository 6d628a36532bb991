namespace Integration;

/// <summary>One page of lines found by a <see cref="LineSearch"/>, newest first.</summary>
/// <param name="Items">The lines, with their executions.</param>
/// <param name="Next">The cursor of the next page (<see cref="LineSearch.After"/>), or null on the last page.</param>
public sealed record LinePage(IReadOnlyList<LineMatch> Items, LineSearchCursor? Next);
