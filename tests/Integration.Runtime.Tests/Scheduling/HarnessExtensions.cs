using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests.Support;

/// <summary>Waits the scheduling tests need on top of <see cref="Harness"/>.</summary>
internal static class HarnessExtensions
{
    /// <summary>Waits until the executions this host runs now have ended (they run on the thread pool).</summary>
    public static Task AllEndedAsync(this Harness h)
        => Task.WhenAll(h.Provider.GetRequiredService<RunningExecutions>().Snapshot().Select(r => r.Completion)).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits until no schedule is catching up, then until what it started has ended.</summary>
    public static async Task CaughtUpAsync(this Harness h)
    {
        await h.Scheduler.WhenCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await h.AllEndedAsync();
    }
}
