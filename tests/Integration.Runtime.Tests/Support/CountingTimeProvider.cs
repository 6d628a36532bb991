using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that counts the timers created through it.</summary>
public sealed class CountingTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private int _timers;

    public FakeTimeProvider Fake { get; } = fake;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return Fake.CreateTimer(callback, state, dueTime, period);
    }
}
