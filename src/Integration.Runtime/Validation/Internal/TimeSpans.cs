namespace Integration;

/// <summary>Bounds of the <c>[Range(typeof(TimeSpan), …)]</c> attributes on options, as invariant TimeSpan texts.</summary>
internal static class TimeSpans
{
    /// <summary>The shortest positive duration: one tick.</summary>
    public const string OneTick = "00:00:00.0000001";

    /// <summary><see cref="TimeSpan.MaxValue"/>.</summary>
    public const string Max = "10675199.02:48:05.4775807";
}
