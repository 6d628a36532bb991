namespace Integration.Notifications.Webhooks.Tests;

public sealed class WebhookEventTypesTests
{
    [Theory]
    [InlineData(NotificationKind.TurnedKo, "integration.interface.turned-ko")]
    [InlineData(NotificationKind.Recovered, "integration.interface.recovered")]
    [InlineData(NotificationKind.Overdue, "integration.interface.overdue")]
    [InlineData(NotificationKind.OverMaxDuration, "integration.interface.over-max-duration")]
    [InlineData(NotificationKind.StaleDaily, "integration.interface.stale-daily")]
    [InlineData(NotificationKind.RetriesExhausted, "integration.interface.retries-exhausted")]
    public void For_GivesEachKindItsType(NotificationKind kind, string type)
        => Assert.Equal(type, WebhookEventTypes.For(kind));

    [Fact]
    public void EveryKind_HasItsOwnNamedType()
    {
        var types = Enum.GetValues<NotificationKind>().Select(WebhookEventTypes.For).ToList();

        Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
        Assert.All(types, t => Assert.Matches("^integration\\.interface\\.[a-z]+(-[a-z]+)*$", t));
    }

    [Fact]
    public void UnknownKind_StillHasAType()
        => Assert.Equal("integration.interface.99", WebhookEventTypes.For((NotificationKind)99));
}
