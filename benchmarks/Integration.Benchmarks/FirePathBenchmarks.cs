using BenchmarkDotNet.Attributes;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Integration.Benchmarks;

/// <summary>
/// Firing <see cref="Executions"/> executions of a no-op connector: ours through the runner and the in-memory
/// store (each one recorded as an execution with its start, end and status), against Quartz.NET (RAM job store)
/// and Hangfire (Hangfire.InMemory) executing as many no-op jobs. Each side runs its jobs on 4 workers and the
/// invocation ends when all of them have run. Results are per execution: divide 1 s by the mean for executions/s.
/// </summary>
[MemoryDiagnoser]
public class FirePathBenchmarks
{
    private const int Executions = 1000;

    private ServiceProvider _integration = null!;
    private IExecutionOperations _operations = null!;
    private IScheduler _quartz = null!;
    private BackgroundJobServer _hangfireServer = null!;
    private BackgroundJobClient _hangfireClient = null!;
    private InMemoryStorage _hangfireStorage = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<NoOpConnector>("noop", i => i.Cron("0 0 * * *").OnOverlap(OverlapPolicy.Allow)));
        _integration = services.BuildServiceProvider();
        _operations = _integration.GetRequiredService<IExecutionOperations>();

        _quartz = await QuartzSchedulerBuilder.Create(q => q.UseInMemoryStore().UseDefaultThreadPool(4)).BuildScheduler();
        await _quartz.Start();

        _hangfireStorage = new InMemoryStorage();
        _hangfireClient = new BackgroundJobClient(_hangfireStorage);
        _hangfireServer = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 4 }, _hangfireStorage);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _hangfireServer.Dispose();
        _hangfireStorage.Dispose();
        await _quartz.Shutdown(waitForJobsToComplete: true);
        foreach (var hosted in _integration.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _integration.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Executions)]
    public async Task Quartz_RamJobStore()
    {
        NoOpQuartzJob.Done = new CountdownEvent(Executions);
        for (var i = 0; i < Executions; i++)
        {
            await _quartz.ScheduleJob(JobBuilder.Create<NoOpQuartzJob>().Build(), TriggerBuilder.Create().StartNow().Build());
        }

        await WaitAsync(NoOpQuartzJob.Done);
    }

    [Benchmark(OperationsPerInvoke = Executions)]
    public async Task Hangfire_InMemory()
    {
        NoOpHangfireJob.Done = new CountdownEvent(Executions);
        for (var i = 0; i < Executions; i++)
        {
            _hangfireClient.Enqueue(() => NoOpHangfireJob.Run());
        }

        await WaitAsync(NoOpHangfireJob.Done);
    }

    [Benchmark(OperationsPerInvoke = Executions)]
    public async Task Integration_InMemoryStore()
    {
        var runs = new Task<Execution>[Executions];
        for (var i = 0; i < Executions; i++)
        {
            runs[i] = (await _operations.RunNowAsync("noop")).Completion;
        }

        await Task.WhenAll(runs);
    }

    private static Task WaitAsync(CountdownEvent done) => Task.Run(() => done.Wait(TimeSpan.FromMinutes(1)));
}

/// <summary>A connector that does nothing.</summary>
public sealed class NoOpConnector : IExternalInterface
{
    /// <inheritdoc />
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A Quartz.NET job that does nothing but count.</summary>
public sealed class NoOpQuartzJob : IJob
{
    public static CountdownEvent Done { get; set; } = new(0);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        Done.Signal();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A Hangfire job that does nothing but count.</summary>
public static class NoOpHangfireJob
{
    public static CountdownEvent Done { get; set; } = new(0);

    public static void Run() => Done.Signal();
}
