using System.Globalization;

namespace Integration.Tests.Pure;

/// <summary>Short instants for table rows: "2026-03-02 11:00" read as UTC; seconds and ticks are written only when not zero.</summary>
internal static class Times
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fffffff"];

    public static DateTimeOffset Utc(string text)
        => DateTimeOffset.ParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Text(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond != 0 ? Formats[2] : utc.Second != 0 ? Formats[1] : Formats[0];
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Text(ExecutionWindow window) => $"{Text(window.From)} → {Text(window.To)}";

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
