using BenchmarkDotNet.Attributes;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Integration.Benchmarks;

/// <summary>
/// The fire path of <see cref="Occurrences"/> scheduled occurrences of a no-op job, all due at once, each side through
/// its own scheduler loop. Ours: <see cref="Occurrences"/> scheduled interfaces whose 6-field cron fires every second,
/// on a <see cref="SteppedTimeProvider"/> that the benchmark moves one second per invocation: the scheduler's timer
/// wakes it, one pass reads the schedule states and computes each cron's due occurrence, and each occurrence is
/// created in the in-memory store under its occurrence key, run by the runner (scope, heartbeat, duration guard) and
/// completed. Quartz.NET (RAM job store): as many durable jobs, each given a one-shot trigger due now, which its
/// scheduler thread acquires, fires and completes; at its default thread pool (10 concurrent jobs) and at ours (no
/// cap: every execution of ours is a thread-pool task). Hangfire (Hangfire.InMemory): as many jobs enqueued (what its
/// recurring-job scheduler does at each occurrence) and run by its default 10 workers. An invocation ends when every
/// occurrence has completed; results are per execution.
/// </summary>
[MemoryDiagnoser]
public class FirePathBenchmarks
{
    /// <summary>The occurrences due at once in each invocation.</summary>
    public const int Occurrences = 1000;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ScheduledHost? _integration;
    private IScheduler? _quartz;
    private JobKey[] _quartzJobs = [];
    private BackgroundJobServer? _hangfireServer;
    private BackgroundJobClient? _hangfireClient;
    private InMemoryStorage? _hangfireStorage;

    [GlobalSetup(Target = nameof(Quartz_DefaultThreadPool))]
    public Task SetupQuartzDefault() => SetupQuartzAsync(maxConcurrency: null);

    [GlobalSetup(Target = nameof(Quartz_UncappedLikeOurs))]
    public Task SetupQuartzUncapped() => SetupQuartzAsync(maxConcurrency: Occurrences);

    [GlobalSetup(Target = nameof(Hangfire_InMemory))]
    public void SetupHangfire()
    {
        _hangfireStorage = new InMemoryStorage();
        _hangfireClient = new BackgroundJobClient(_hangfireStorage);
        _hangfireServer = new BackgroundJobServer(new BackgroundJobServerOptions(), _hangfireStorage);
    }

    [GlobalSetup(Target = nameof(Integration_Scheduler_InMemoryStore))]
    public async Task SetupIntegration()
        => _integration = await ScheduledHost.StartAsync(new SteppedTimeProvider(Start), Occurrences, x => x.UseInMemoryStore());

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _hangfireServer?.Dispose();
        _hangfireStorage?.Dispose();
        if (_quartz is not null)
        {
            await _quartz.Shutdown(waitForJobsToComplete: true);
        }

        if (_integration is not null)
        {
            await _integration.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Occurrences)]
    public Task Quartz_DefaultThreadPool() => FireQuartzAsync();

    [Benchmark(OperationsPerInvoke = Occurrences)]
    public Task Quartz_UncappedLikeOurs() => FireQuartzAsync();

    [Benchmark(OperationsPerInvoke = Occurrences)]
    public async Task Hangfire_InMemory()
    {
        var done = JobCountdown.Expect(Occurrences);
        for (var i = 0; i < Occurrences; i++)
        {
            _hangfireClient!.Enqueue(() => NoOpHangfireJob.Run());
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Occurrences)]
    public Task Integration_Scheduler_InMemoryStore() => _integration!.FireNextOccurrenceAsync();

    private async Task SetupQuartzAsync(int? maxConcurrency)
    {
        _quartz = await QuartzSchedulerBuilder.Create(q =>
        {
            q.UseInMemoryStore();
            if (maxConcurrency is { } max)
            {
                q.UseDefaultThreadPool(max);
            }
        }).BuildScheduler();
        _quartzJobs = [.. Enumerable.Range(0, Occurrences).Select(i => new JobKey($"noop-{i}"))];
        foreach (var key in _quartzJobs)
        {
            await _quartz.AddJob(JobBuilder.Create<NoOpQuartzJob>().WithIdentity(key).StoreDurably().Build(), new AddJobOptions());
        }

        await _quartz.Start();
    }

    private async Task FireQuartzAsync()
    {
        var done = JobCountdown.Expect(Occurrences);
        foreach (var key in _quartzJobs)
        {
            await _quartz!.ScheduleJob(TriggerBuilder.Create().ForJob(key).StartNow().Build());
        }

        await done;
    }
}
