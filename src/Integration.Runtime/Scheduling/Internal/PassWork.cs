namespace Integration;

/// <summary>
/// What a pass owes one registration, decided before anything is created: the scheduled runs to start (and the latest
/// due occurrence, which becomes its last fired once they are), or, for a real-time interface, the closing of its
/// earlier days.
/// </summary>
/// <param name="Registration">The registration.</param>
/// <param name="Cursor">Where the scheduler stands with it.</param>
/// <param name="Runs">The runs the misfire planner gave, oldest first; empty for a real-time interface.</param>
/// <param name="LastDue">The latest due occurrence (scheduled), or the pass's now (real-time).</param>
/// <param name="Index">The registration's place in the catalog: orders the failures of a pass.</param>
internal readonly record struct PassWork(InterfaceRegistration Registration, ScheduleCursor Cursor, IReadOnlyList<ScheduledRun> Runs, DateTimeOffset LastDue, int Index);
