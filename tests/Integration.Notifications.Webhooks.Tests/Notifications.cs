namespace Integration.Notifications.Webhooks.Tests;

/// <summary>Notifications as the runtime makes them.</summary>
internal static class Notifications
{
    public static readonly DateTimeOffset OccurredAt = new(2026, 3, 2, 9, 30, 15, TimeSpan.FromHours(1));

    public static readonly ExecutionId ExecutionId = new(Guid.Parse("019a1b2c-3d4e-7f00-8a9b-0c1d2e3f4a5b"));

    public static ExecutionNotification TurnedKo() => new()
    {
        Id = $"turned-ko/{ExecutionId}",
        Kind = NotificationKind.TurnedKo,
        InterfaceId = "fnac-sales",
        InterfaceName = "FNAC sales",
        Provider = "FNAC",
        OccurredAt = OccurredAt,
        Summary = "fnac-sales turned KO: External error (partner answered 503)",
        ExecutionId = ExecutionId,
        Status = ExecutionStatus.KO,
        Category = ErrorCategory.External,
        Action = "Re-run; if it still fails, contact the provider",
        Contact = "support@fnac.example",
        ConsoleLink = new Uri($"https://ops.example.com/integrations/executions/{ExecutionId}"),
    };
}
