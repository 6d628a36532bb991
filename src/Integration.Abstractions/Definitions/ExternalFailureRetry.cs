namespace Integration;

/// <summary>
/// How a scheduled interface re-runs, by itself, an execution that ended KO because its external system failed (its
/// first error is <see cref="ErrorCategory.External"/>): up to <see cref="MaxAttempts"/> re-runs on the same window,
/// the n-th due about <see cref="FirstDelay"/> × 2<sup>n-1</sup> after the failure it repeats, with jitter, capped at
/// <see cref="MaxDelay"/>. Configuration, Mapping and Technical failures are never re-run: repeating them changes
/// nothing.
/// </summary>
public sealed record ExternalFailureRetry
{
    /// <summary>The most re-runs allowed per failure chain.</summary>
    public const int MaxAllowedAttempts = 20;

    /// <summary>Gets how many automatic re-runs follow the first failure, at most; 1 to <see cref="MaxAllowedAttempts"/>.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>Gets the delay before the first re-run; greater than zero. Each later one waits twice as long as the one before.</summary>
    public required TimeSpan FirstDelay { get; init; }

    /// <summary>Gets the longest delay between a failure and its re-run; one day by default.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Gets a value indicating whether each delay is spread by a random ±25 %, so that nodes and interfaces failing together do not all retry at once; true by default.</summary>
    public bool UseJitter { get; init; } = true;
}
