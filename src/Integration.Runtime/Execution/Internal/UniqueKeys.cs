using System.Globalization;

namespace Integration;

/// <summary>The identities the store keeps unique.</summary>
internal static class UniqueKeys
{
    /// <summary>One execution per (schedule, occurrence instant).</summary>
    public static string Occurrence(string scheduleId, DateTimeOffset occurrence)
        => string.Create(CultureInfo.InvariantCulture, $"{scheduleId}@{occurrence.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}");

    /// <summary>One daily execution per (interface, local date).</summary>
    public static string Daily(string interfaceId, DateOnly localDate)
        => string.Create(CultureInfo.InvariantCulture, $"{ScheduleDefinition.DailyScheduleId(interfaceId)}@{localDate:yyyy-MM-dd}");

    /// <summary>One execution per run request, whichever node claims it and however often.</summary>
    public static string RunRequest(Guid requestId)
        => string.Create(CultureInfo.InvariantCulture, $"run-request:{requestId:D}");
}
