namespace Integration;

/// <summary>One occurrence the scheduler runs, with the window its execution works on.</summary>
internal readonly record struct ScheduledRun(DateTimeOffset Occurrence, ExecutionWindow Window);
