namespace Integration;

/// <summary>What a notification reports: each is sent on a transition, never again for the same state.</summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum NotificationKind
{
    /// <summary>An interface's last execution ended KO, and the one before it did not (or there was none).</summary>
    TurnedKo = 0,

    /// <summary>An interface's last execution ended OK after one that ended KO.</summary>
    Recovered = 1,

    /// <summary>A scheduled occurrence passed its grace period with no execution started, on any node.</summary>
    Overdue = 2,

    /// <summary>A running execution passed its schedule's maximum duration.</summary>
    OverMaxDuration = 3,

    /// <summary>A daily execution of a previous local day is still not closed after midnight plus the grace period.</summary>
    StaleDaily = 4,

    /// <summary>The last automatic re-run of an External failure failed too: the provider must be contacted.</summary>
    RetriesExhausted = 5,
}
