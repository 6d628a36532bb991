using System.Globalization;

namespace Integration;

/// <summary>
/// The CloudEvents <c>type</c> of each notification the webhook notifier sends, one per
/// <see cref="NotificationKind"/>: what a receiver routes on.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>An interface's last execution ended KO (<see cref="NotificationKind.TurnedKo"/>).</summary>
    public const string TurnedKo = "integration.interface.turned-ko";

    /// <summary>An interface's last execution ended OK after a KO (<see cref="NotificationKind.Recovered"/>).</summary>
    public const string Recovered = "integration.interface.recovered";

    /// <summary>A scheduled occurrence passed its grace period with no execution started (<see cref="NotificationKind.Overdue"/>).</summary>
    public const string Overdue = "integration.interface.overdue";

    /// <summary>A running execution passed its maximum duration (<see cref="NotificationKind.OverMaxDuration"/>).</summary>
    public const string OverMaxDuration = "integration.interface.over-max-duration";

    /// <summary>A previous day's daily execution is still open (<see cref="NotificationKind.StaleDaily"/>).</summary>
    public const string StaleDaily = "integration.interface.stale-daily";

    /// <summary>The last automatic re-run of an External failure failed too (<see cref="NotificationKind.RetriesExhausted"/>).</summary>
    public const string RetriesExhausted = "integration.interface.retries-exhausted";

    /// <summary>Gets the event type of a notification kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>
    /// The type, e.g. <see cref="TurnedKo"/>; for a kind this version does not know,
    /// <c>integration.interface.&lt;kind's number&gt;</c>, so a newer runtime's notification is still delivered.
    /// </returns>
    public static string For(NotificationKind kind) => kind switch
    {
        NotificationKind.TurnedKo => TurnedKo,
        NotificationKind.Recovered => Recovered,
        NotificationKind.Overdue => Overdue,
        NotificationKind.OverMaxDuration => OverMaxDuration,
        NotificationKind.StaleDaily => StaleDaily,
        NotificationKind.RetriesExhausted => RetriesExhausted,
        _ => "integration.interface." + ((int)kind).ToString(CultureInfo.InvariantCulture),
    };
}
