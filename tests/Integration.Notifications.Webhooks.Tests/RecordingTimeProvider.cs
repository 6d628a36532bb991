using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Notifications.Webhooks.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that tells each timer's due time as it is created, so a test advances the clock only once something waits on it.</summary>
internal sealed class RecordingTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (bounded) for the next timer whose due time matches.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var dueTime = await _timers.Reader.ReadAsync(timeout.Token);
            if (match(dueTime))
            {
                return dueTime;
            }
        }
    }
}
