namespace Integration;

/// <summary>What the interface checks read: every interface's overview at one instant, with what the refresh added.</summary>
/// <param name="At">When the overview was read.</param>
/// <param name="Interfaces">Each interface's health, by interface id.</param>
internal sealed record HealthSnapshot(DateTimeOffset At, IReadOnlyDictionary<string, InterfaceHealth> Interfaces);

/// <summary>One interface in a <see cref="HealthSnapshot"/>.</summary>
/// <param name="Overview">Its overview.</param>
/// <param name="OverdueSince">The occurrence that passed its grace with no execution started; null when none did.</param>
/// <param name="ConsecutiveKo">How many of its newest ended executions are KO in a row (0 when the last is not KO).</param>
internal sealed record InterfaceHealth(InterfaceOverview Overview, DateTimeOffset? OverdueSince, int ConsecutiveKo);
