using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Benchmarks;

/// <summary>
/// Lines written by a connector through <c>run.Log</c>, the whole path (the interpolated message, sanitising, the
/// execution log's cap and error bookkeeping, the store) into the in-memory and SQLite stores, against what a host
/// does with Microsoft.Extensions.Logging: a <c>[LoggerMessage]</c> method writing the same message to an in-memory
/// provider. Each invocation runs one execution whose connector writes <see cref="ConnectorLogPath.Lines"/> lines and
/// ends when the execution has ended (so every line is in the store); per line.
/// </summary>
/// <remarks>
/// The in-memory store drops the execution after each invocation (<c>PurgeAsync</c>, included in the time) so memory
/// stays bounded; the baseline starts a fresh provider per invocation. Both sides format two integers into one string
/// and store it with a time and a level.
/// </remarks>
[MemoryDiagnoser]
public partial class ConnectorLogPathBenchmarks
{
    private ConnectorLogPath _memory = null!;
    private ConnectorLogPath _sqlite = null!;
    private string _folder = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("integration-bench-logpath-").FullName;
        _memory = await ConnectorLogPath.StartAsync(x => x.UseInMemoryStore());
        _sqlite = await ConnectorLogPath.StartAsync(x => x.UseSqliteStore($"Data Source={Path.Combine(_folder, "store.db")}"));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _memory.DisposeAsync();
        await _sqlite.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ConnectorLogPath.Lines)]
    public int LoggerMessageToInMemoryProvider()
    {
        var provider = new InMemoryLoggerProvider();
        var logger = provider.CreateLogger("Integration.Benchmarks");
        for (var page = 0; page < ConnectorLogPath.Lines; page++)
        {
            FetchedPage(logger, page, count: 50);
        }

        return provider.Count;
    }

    [Benchmark(OperationsPerInvoke = ConnectorLogPath.Lines)]
    public Task<int> RunLog_InMemoryStore() => _memory.RunAsync(purge: true);

    [Benchmark(OperationsPerInvoke = ConnectorLogPath.Lines)]
    public Task<int> RunLog_SqliteStore() => _sqlite.RunAsync(purge: false);

    [LoggerMessage(1, LogLevel.Information, "Fetched page {Page} of the sales ({Count} sales)")]
    private static partial void FetchedPage(ILogger logger, int page, int count);
}

/// <summary>A host with one scheduled interface whose connector writes <see cref="Lines"/> lines per execution, run on demand.</summary>
public sealed class ConnectorLogPath : IAsyncDisposable
{
    /// <summary>The lines one execution writes.</summary>
    public const int Lines = 8192;

    private readonly ServiceProvider _services;
    private readonly IExecutionOperations _operations;
    private readonly IExecutionStore _store;

    private ConnectorLogPath(ServiceProvider services)
    {
        _services = services;
        _operations = services.GetRequiredService<IExecutionOperations>();
        _store = services.GetRequiredService<IExecutionStore>();
    }

    /// <summary>Builds the host on a store and starts its hosted services (store initialisation among them).</summary>
    public static async Task<ConnectorLogPath> StartAsync(Action<IExecutionsBuilder> store)
    {
        var services = new ServiceCollection();
        services.AddExecutions(x =>
        {
            store(x);
            x.AddScheduledInterface<LoggingConnector>("sales", i => i.Cron("0 0 1 1 *"));
        });
        var path = new ConnectorLogPath(services.BuildServiceProvider());
        foreach (var hosted in path._services.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return path;
    }

    /// <summary>Runs one execution to its end and gives its line count as the store has it.</summary>
    public async Task<int> RunAsync(bool purge)
    {
        var run = await _operations.RunNowAsync("sales");
        var execution = await run.Completion;
        if (execution.Status != ExecutionStatus.OK)
        {
            throw new InvalidOperationException($"The execution ended {execution.Status}.");
        }

        if (purge)
        {
            await _store.PurgeAsync(DateTimeOffset.MaxValue, 10);
        }

        return Lines;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}

/// <summary>A connector that writes <see cref="ConnectorLogPath.Lines"/> information lines, as a connector reporting its progress does.</summary>
public sealed class LoggingConnector : IExternalInterface
{
    /// <inheritdoc />
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        var count = 50;
        for (var page = 0; page < ConnectorLogPath.Lines; page++)
        {
            run.Log.Info($"Fetched page {page} of the sales ({count} sales)");
        }

        return Task.CompletedTask;
    }
}
