using Quartz;

namespace Integration.Benchmarks;

/// <summary>
/// Counts the peers' no-op jobs down to the end of an invocation, without blocking a thread (a blocked waiter would
/// take one of the machine's two cores from the jobs).
/// </summary>
public static class JobCountdown
{
    private static TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int _remaining;

    /// <summary>Expects <paramref name="count"/> jobs; the task completes when they have all run.</summary>
    public static Task Expect(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, count);
        return _done.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>Counts one job.</summary>
    public static void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}

/// <summary>A Quartz.NET job that does nothing but count.</summary>
public sealed class NoOpQuartzJob : IJob
{
    /// <inheritdoc />
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        JobCountdown.Signal();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A Hangfire job that does nothing but count.</summary>
public static class NoOpHangfireJob
{
    /// <summary>Counts one job.</summary>
    public static void Run() => JobCountdown.Signal();
}
