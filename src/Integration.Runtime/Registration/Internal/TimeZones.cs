namespace Integration;

internal static class TimeZones
{
    public static TimeZoneInfo Find(string interfaceId, string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            throw new ArgumentException($"Interface '{interfaceId}': the time zone is empty; give an IANA id such as 'Europe/Zurich'.", nameof(timeZoneId));
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Interface '{interfaceId}': unknown time zone '{timeZoneId}'; give an IANA id such as 'Europe/Zurich'.", nameof(timeZoneId), e);
        }
    }
}
