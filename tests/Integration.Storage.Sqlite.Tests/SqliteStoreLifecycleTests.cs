using Integration.Storage.Conformance;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteStoreLifecycleTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ClosingAndReopeningTheHost_KeepsEveryExecutionAndLine()
    {
        var ids = new List<ExecutionId>();
        await using (var first = BuildServices(_database.ConnectionString))
        {
            var operations = first.GetRequiredService<IExecutionOperations>();
            for (var i = 0; i < 3; i++)
            {
                var run = await operations.RunNowAsync("sales");
                ids.Add((await run.Completion.WaitAsync(TimeSpan.FromSeconds(30))).Id);
            }
        }

        using var second = BuildServices(_database.ConnectionString);
        var store = second.GetRequiredService<IExecutionStore>();
        foreach (var id in ids)
        {
            var execution = await store.GetAsync(id);
            var lines = await store.ReadLogAsync(id, new LogQuery { Limit = LogQuery.MaxLimit });
            Assert.Equal(ExecutionStatus.OK, execution!.Status);
            Assert.Equal(Enumerable.Range(0, LinesConnector.Lines).Select(i => $"line {i}"), lines.Select(l => l.Message));
        }
    }

    [Fact]
    public async Task ADatabaseFromANewerVersion_IsRefused_SayingWhy()
    {
        var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        await store.DisposeAsync();
        using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, datetime('now'))";
            bump.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        await using var newer = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(CancellationToken.None));

        Assert.Contains("SQLite execution store", e.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostWhoseDatabaseFolderIsMissing_Starts_WarnsNamingTheStore_AndTheStoreWorksOnceTheFolderExists()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"integration-{Guid.NewGuid():N}");
        try
        {
            var logs = new RecordingLoggerProvider();
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Logging.AddProvider(logs);
            builder.Services.AddExecutions(x => x.UseSqliteStore($"Data Source={Path.Combine(folder, "x.db")}"));
            using var host = builder.Build();

            await host.StartAsync();
            var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("SQLite execution store", StringComparison.Ordinal));
            Assert.Contains("cannot open the database", warning.Exception!.Message, StringComparison.Ordinal);

            var store = host.Services.GetRequiredService<IExecutionStore>();
            var execution = new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = "sales", ScheduleId = "sales" };
            await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await store.CreateAsync(execution));
            Directory.CreateDirectory(folder);

            Assert.True((await store.CreateAsync(execution)).Created);
            Assert.Equal(1, await store.AppendAsync(execution.Id, new LogEntry { Message = "the folder is mounted now" }));
            await host.StopAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task AHostWhoseDatabaseIsFromANewerVersion_FailsToStart_NamingTheStore()
    {
        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, datetime('now'))";
            bump.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddExecutions(x => x.UseSqliteStore(_database.ConnectionString));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("SQLite execution store", e.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreWhoseFirstInitialisationFailed_TriesAgainOnItsNextUse()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"integration-{Guid.NewGuid():N}");
        try
        {
            await using var store = new SqliteExecutionStore($"Data Source={Path.Combine(folder, "x.db")}", TimeProvider.System);
            var first = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));
            Assert.Contains("SQLite execution store: cannot open the database", first.Message, StringComparison.Ordinal);

            Directory.CreateDirectory(folder);
            await store.InitializeAsync(CancellationToken.None);

            var execution = new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = "sales", ScheduleId = "sales" };
            Assert.True((await store.CreateAsync(execution)).Created);
            Assert.Equal(execution.Id, (await store.GetAsync(execution.Id))!.Id);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void AMalformedConnectionString_IsRefusedAtRegistration()
    {
        var services = new ServiceCollection();

        var e = Assert.ThrowsAny<ArgumentException>(() => services.AddExecutions(x => x.UseSqliteStore("Data Sauce=x.db")));
        Assert.Contains("SQLite execution store: the connection string is not valid", e.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x
            .UseSqliteStore(connectionString)
            .AddScheduledInterface<LinesConnector>("sales", i => i.Cron("0 */2 * * *")));
        return services.BuildServiceProvider();
    }

    private sealed class LinesConnector : IExternalInterface
    {
        public const int Lines = 100;

        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            for (var i = 0; i < Lines; i++)
            {
                run.Log.Info($"line {i}");
            }

            return Task.CompletedTask;
        }
    }
}
