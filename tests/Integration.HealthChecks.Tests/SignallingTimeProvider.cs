using Microsoft.Extensions.Time.Testing;

namespace Integration.HealthChecks.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that says when the <paramref name="count"/>th timer of a given due time was created,
/// so a test advances the clock only once everything it expects waits on it.
/// </summary>
internal sealed class SignallingTimeProvider(FakeTimeProvider fake, TimeSpan dueTime, int count = 1) : TimeProvider
{
    private int created;

    public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime1, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime1, period);
        if (dueTime1 == dueTime && Interlocked.Increment(ref created) == count)
        {
            TimerCreated.TrySetResult();
        }

        return timer;
    }
}
