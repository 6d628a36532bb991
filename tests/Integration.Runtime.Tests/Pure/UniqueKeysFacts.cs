using System.Globalization;

namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="UniqueKeys"/>: the identities the store keeps unique. They are persisted, so their format is pinned
/// here: changing it would let a schedule run an occurrence twice (or a day get two daily executions) after an upgrade.
/// </summary>
public sealed class UniqueKeysFacts
{
    public static TheoryData<string, DateTimeOffset, string> Occurrences => new()
    {
        { "sales", new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), "sales@2026-03-02T11:00:00.0000000Z" },
        { "sales", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(1)), "sales@2026-03-02T11:00:00.0000000Z" },
        { "sales", new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.FromHours(-5)), "sales@2026-03-02T11:00:00.0000000Z" },
        { "sales", new DateTimeOffset(2026, 3, 3, 0, 30, 0, TimeSpan.FromHours(13.5)), "sales@2026-03-02T11:00:00.0000000Z" },
        { "sales", new DateTimeOffset(2026, 3, 2, 11, 0, 15, TimeSpan.Zero), "sales@2026-03-02T11:00:15.0000000Z" },
        { "sales", new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero).AddTicks(1), "sales@2026-03-02T11:00:00.0000001Z" },
        { "sales", new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), "sales@2026-03-02T11:00:00.1234567Z" },
        { "sales_daily", new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero), "sales_daily@2026-03-02T23:00:00.0000000Z" },
        { "a.b-c_d", new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero), "a.b-c_d@1999-12-31T23:59:59.0000000Z" },
        { "s", DateTimeOffset.MinValue, "s@0001-01-01T00:00:00.0000000Z" },
        { "s", DateTimeOffset.MaxValue, "s@9999-12-31T23:59:59.9999999Z" },
    };

    [Theory]
    [MemberData(nameof(Occurrences))]
    public void AnOccurrenceKey_IsTheScheduleAndTheUtcInstantToTheTick(string scheduleId, DateTimeOffset occurrence, string key)
        => Assert.Equal(key, UniqueKeys.Occurrence(scheduleId, occurrence));

    [Theory]
    [InlineData("sales", "2026-03-02", "sales_daily@2026-03-02")]
    [InlineData("orders.api", "2026-12-31", "orders.api_daily@2026-12-31")]
    [InlineData("x", "0001-01-01", "x_daily@0001-01-01")]
    [InlineData("x", "9999-12-31", "x_daily@9999-12-31")]
    [InlineData("sales", "2028-02-29", "sales_daily@2028-02-29")]
    public void ADailyKey_IsTheDailyScheduleAndTheLocalDate(string interfaceId, string date, string key)
        => Assert.Equal(key, UniqueKeys.Daily(interfaceId, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("th-TH")]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    [InlineData("de-CH")]
    [InlineData("ja-JP")]
    public void Keys_DoNotDependOnTheCurrentCulture(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            Assert.Equal("sales@2026-03-02T11:00:00.0000000Z", UniqueKeys.Occurrence("sales", new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero)));
            Assert.Equal("sales_daily@2026-03-02", UniqueKeys.Daily("sales", new DateOnly(2026, 3, 2)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
