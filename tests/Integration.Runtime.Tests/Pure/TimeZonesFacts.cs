namespace Integration.Tests.Pure;

/// <summary><see cref="TimeZones.Find"/>: an IANA id is found; an empty or unknown one fails with a message naming the interface.</summary>
public sealed class TimeZonesFacts
{
    [Theory]
    [InlineData("UTC", "UTC")]
    [InlineData("Europe/Zurich", "Europe/Zurich")]
    [InlineData("America/New_York", "America/New_York")]
    public void AKnownTimeZone_IsFound(string timeZoneId, string id)
        => Assert.Equal(id, TimeZones.Find("sales", timeZoneId).Id);

    [Theory]
    [InlineData("", "Interface 'sales': the time zone is empty; give an IANA id such as 'Europe/Zurich'.")]
    [InlineData("  ", "Interface 'sales': the time zone is empty; give an IANA id such as 'Europe/Zurich'.")]
    [InlineData("Mars/Olympus_Mons", "Interface 'sales': unknown time zone 'Mars/Olympus_Mons'; give an IANA id such as 'Europe/Zurich'.")]
    [InlineData("Europe/Zürich", "Interface 'sales': unknown time zone 'Europe/Zürich'; give an IANA id such as 'Europe/Zurich'.")]
    public void AnUnknownTimeZone_FailsWithAMessageNamingTheInterface(string timeZoneId, string message)
    {
        var failure = Assert.Throws<ArgumentException>(() => TimeZones.Find("sales", timeZoneId));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }
}
