using System.Globalization;

namespace Integration.Dashboard.Internal;

/// <summary>How the console writes times, durations and statuses.</summary>
internal static class DashboardText
{
    public static string Local(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "–",
        { TotalSeconds: < 1 } d => $"{d.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } d => $"{d.TotalSeconds:0.0} s",
        { TotalHours: < 1 } d => $"{(int)d.TotalMinutes} min {d.Seconds} s",
        var d => $"{(int)d.Value.TotalHours} h {d.Value.Minutes} min",
    };

    public static string StatusClass(ExecutionStatus status) => status switch
    {
        ExecutionStatus.KO => "ko",
        ExecutionStatus.OK => "ok",
        ExecutionStatus.Running => "running",
        _ => "ended",
    };

    public static string Id(string value) => Uri.EscapeDataString(value);
}
