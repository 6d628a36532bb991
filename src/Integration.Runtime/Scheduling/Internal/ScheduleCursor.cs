namespace Integration;

/// <summary>
/// Where the scheduler stands with one registration: what it fired last, whether its first pass succeeded, and (for a
/// real-time interface) when its next local midnight is. One per registration, so that the work of a pass on different
/// registrations can run concurrently: each touches only its own cursor.
/// </summary>
internal sealed class ScheduleCursor
{
    /// <summary>Gets or sets the latest occurrence fired (or given up), once read from the store; null before that.</summary>
    public DateTimeOffset? LastFired { get; set; }

    /// <summary>Gets or sets a value indicating whether a pass has succeeded for the registration since the host started.</summary>
    public bool CaughtUp { get; set; }

    /// <summary>Gets or sets the next local midnight of a real-time interface, when its earlier days are closed next.</summary>
    public DateTimeOffset? NextMidnight { get; set; }
}
