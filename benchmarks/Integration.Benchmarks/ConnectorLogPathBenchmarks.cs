using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Benchmarks;

/// <summary>
/// Lines written by a connector through <c>run.Log</c>, the whole path (the interpolated message, sanitising, the
/// execution log's cap and error bookkeeping, the store) into the in-memory and SQLite stores, against what a host
/// does with Microsoft.Extensions.Logging: a <c>[LoggerMessage]</c> method writing the same message to an in-memory
/// provider. Each invocation runs one execution whose connector writes its lines and ends when the execution has ended
/// (so every line is in the store); per line. The in-memory store and the baseline write
/// <see cref="ConnectorLogPath.InMemoryLines"/> lines per invocation, so that what one execution costs (creating,
/// starting and ending it, the hand-off to the runner's thread: the fire path measures it) is spread thin; the SQLite
/// store writes <see cref="ConnectorLogPath.DurableLines"/>.
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
        _memory = await ConnectorLogPath.StartAsync(x => x.UseInMemoryStore(), ConnectorLogPath.InMemoryLines);
        _sqlite = await ConnectorLogPath.StartAsync(x => x.UseSqliteStore($"Data Source={Path.Combine(_folder, "store.db")}"), ConnectorLogPath.DurableLines);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _memory.DisposeAsync();
        await _sqlite.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ConnectorLogPath.InMemoryLines)]
    public int LoggerMessageToInMemoryProvider()
    {
        var provider = new InMemoryLoggerProvider();
        var logger = provider.CreateLogger("Integration.Benchmarks");
        for (var page = 0; page < ConnectorLogPath.InMemoryLines; page++)
        {
            FetchedPage(logger, page, count: 50);
        }

        return provider.Count;
    }

    [Benchmark(OperationsPerInvoke = ConnectorLogPath.InMemoryLines)]
    public Task<int> RunLog_InMemoryStore() => _memory.RunAsync(purge: true);

    [Benchmark(OperationsPerInvoke = ConnectorLogPath.DurableLines)]
    public Task<int> RunLog_SqliteStore() => _sqlite.RunAsync(purge: false);

    [LoggerMessage(1, LogLevel.Information, "Fetched page {Page} of the sales ({Count} sales)")]
    private static partial void FetchedPage(ILogger logger, int page, int count);
}

/// <summary>A host with one scheduled interface whose connector writes a given number of lines per execution, run on demand.</summary>
public sealed class ConnectorLogPath : IAsyncDisposable
{
    /// <summary>The lines one execution writes into the in-memory store (and the baseline per invocation).</summary>
    public const int InMemoryLines = 65_536;

    /// <summary>The lines one execution writes into a durable store.</summary>
    public const int DurableLines = 8_192;

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
    public static async Task<ConnectorLogPath> StartAsync(Action<IExecutionsBuilder> store, int lines)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new LinesPerExecution(lines));
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

    /// <summary>Runs one execution to its end (OK, or it throws).</summary>
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

        return execution.Id.GetHashCode();
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

/// <summary>How many lines <see cref="LoggingConnector"/> writes per execution.</summary>
/// <param name="Count">The number of lines.</param>
public sealed record LinesPerExecution(int Count);

/// <summary>A connector that writes information lines, as a connector reporting its progress does.</summary>
public sealed class LoggingConnector : IExternalInterface
{
    /// <inheritdoc />
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        var lines = run.Services.GetRequiredService<LinesPerExecution>().Count;
        var count = 50;
        for (var page = 0; page < lines; page++)
        {
            run.Log.Info($"Fetched page {page} of the sales ({count} sales)");
        }

        return Task.CompletedTask;
    }
}
