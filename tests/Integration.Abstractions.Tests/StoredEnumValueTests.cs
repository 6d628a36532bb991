namespace Integration.Tests;

/// <summary>
/// The stores keep these enums as numbers: a member whose number changed would silently change the meaning of every
/// stored row. One row per member, pinned; a member added without a row fails <see cref="EveryStoredMember_HasAPinnedNumber"/>.
/// </summary>
public sealed class StoredEnumValueTests
{
    public static TheoryData<Enum, int> StoredNumbers => new()
    {
        { ExecutionStatus.Running, 0 },
        { ExecutionStatus.OK, 1 },
        { ExecutionStatus.KO, 2 },
        { ExecutionStatus.Cancelled, 3 },
        { ExecutionStatus.Abandoned, 4 },
        { ExecutionReason.None, 0 },
        { ExecutionReason.Error, 1 },
        { ExecutionReason.Timeout, 2 },
        { ExecutionReason.Cancelled, 3 },
        { ExecutionReason.Skipped, 4 },
        { ExecutionReason.Abandoned, 5 },
        { ExecutionKind.Scheduled, 0 },
        { ExecutionKind.Daily, 1 },
        { ExecutionTrigger.Schedule, 0 },
        { ExecutionTrigger.Manual, 1 },
        { ExecutionTrigger.Rerun, 2 },
        { ExecutionTrigger.Call, 3 },
        { ExecutionTrigger.Retry, 4 },
        { ErrorCategory.External, 0 },
        { ErrorCategory.Configuration, 1 },
        { ErrorCategory.Mapping, 2 },
        { ErrorCategory.Technical, 3 },
        { ErrorCategory.Cascade, 4 },
        { ExecutionLogLevel.Debug, 0 },
        { ExecutionLogLevel.Information, 1 },
        { ExecutionLogLevel.Warning, 2 },
        { ExecutionLogLevel.Error, 3 },
        { InterfaceDirection.Outbound, 0 },
        { InterfaceDirection.Inbound, 1 },
        { ScheduleAction.Paused, 1 },
        { ScheduleAction.Resumed, 2 },
        { ExecutionActionKind.RunNow, 1 },
        { ExecutionActionKind.Rerun, 2 },
        { ExecutionActionKind.Cancel, 3 },
        { ExecutionActionKind.Export, 4 },
        { NotificationKind.TurnedKo, 0 },
        { NotificationKind.Recovered, 1 },
        { NotificationKind.Overdue, 2 },
        { NotificationKind.OverMaxDuration, 3 },
        { NotificationKind.StaleDaily, 4 },
        { NotificationKind.RetriesExhausted, 5 },
    };

    /// <summary>The enums a store persists as numbers.</summary>
    public static TheoryData<Type> StoredEnums => new()
    {
        typeof(ExecutionStatus),
        typeof(ExecutionReason),
        typeof(ExecutionKind),
        typeof(ExecutionTrigger),
        typeof(ErrorCategory),
        typeof(ExecutionLogLevel),
        typeof(InterfaceDirection),
        typeof(ScheduleAction),
        typeof(ExecutionActionKind),
        typeof(NotificationKind),
    };

    [Theory]
    [MemberData(nameof(StoredNumbers))]
    public void StoredMember_KeepsItsNumber(Enum member, int storedNumber)
        => Assert.Equal(storedNumber, Convert.ToInt32(member, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(StoredEnums))]
    public void EveryStoredMember_HasAPinnedNumber(Type storedEnum)
    {
        // By name: a member added with the number of another (an alias) must have its own row too.
        var pinned = StoredNumbers.Select(row => (Enum)row[0]).Where(member => member.GetType() == storedEnum).Select(member => member.ToString()).Order();
        Assert.Equal(Enum.GetNames(storedEnum).Order(), pinned);
    }
}
