using Integration.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Integration.Benchmarks;

/// <summary>
/// <see cref="ConsoleListBenchmarkBase"/> on the SQLite store. The database file is kept in the temporary folder
/// (<c>integration-bench-console-v{schema version}.db</c>) and reused by the next runs; delete it to reseed.
/// </summary>
public class SqliteConsoleListBenchmarks : ConsoleListBenchmarkBase
{
    protected override async Task<IExecutionStore> OpenSeededStoreAsync()
    {
        var version = await SchemaVersionAsync();
        var file = Path.Combine(Path.GetTempPath(), $"integration-bench-console-v{version}.db");
        var seeding = file + ".seeding";
        if (!File.Exists(file))
        {
            File.Delete(seeding);
            await using (var store = new SqliteExecutionStore($"Data Source={seeding}", TimeProvider.System))
            {
                await store.InitializeAsync(CancellationToken.None);
            }

            await SeedAsync($"Data Source={seeding}");
            SqliteConnection.ClearAllPools();
            File.Move(seeding, file);
        }

        var seeded = new SqliteExecutionStore($"Data Source={file}", TimeProvider.System);
        await seeded.InitializeAsync(CancellationToken.None);
        return seeded;
    }

    /// <summary>The store's schema version: the one it creates in an empty database.</summary>
    private static async Task<int> SchemaVersionAsync()
    {
        var folder = Directory.CreateTempSubdirectory("integration-bench-probe-").FullName;
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder, "probe.db")}";
            await using (var store = new SqliteExecutionStore(connectionString, TimeProvider.System))
            {
                await store.InitializeAsync(CancellationToken.None);
            }

            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT max(version) FROM schema_version";
            return Convert.ToInt32(await read.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Inserts the seeded executions into the store's own table: one prepared insert, one transaction.</summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO executions (id, interface_id, schedule_id, kind, trigger, window_from, window_to, status, reason, started_at, ended_at, " +
            "duration_exceeded, err_external, err_configuration, err_mapping, err_technical, err_cascade, node_id, lease_at, search_key) " +
            "VALUES ($id, $interface, $interface, $kind, $trigger, $from, $to, $status, $reason, $started, $ended, 0, $errors, 0, 0, 0, 0, 'node-1', $ended, $key)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var interfaceId = insert.Parameters.Add("$interface", SqliteType.Text);
        var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
        var trigger = insert.Parameters.Add("$trigger", SqliteType.Integer);
        var from = insert.Parameters.Add("$from", SqliteType.Integer);
        var to = insert.Parameters.Add("$to", SqliteType.Integer);
        var status = insert.Parameters.Add("$status", SqliteType.Integer);
        var reason = insert.Parameters.Add("$reason", SqliteType.Integer);
        var started = insert.Parameters.Add("$started", SqliteType.Integer);
        var ended = insert.Parameters.Add("$ended", SqliteType.Integer);
        var errors = insert.Parameters.Add("$errors", SqliteType.Integer);
        var key = insert.Parameters.Add("$key", SqliteType.Integer);
        insert.Prepare();
        kind.Value = (int)ExecutionKind.Scheduled;
        trigger.Value = (int)ExecutionTrigger.Schedule;
        long searchKey = 0;
        foreach (var row in ConsoleListSeed.Rows())
        {
            id.Value = row.Id.ToString();
            interfaceId.Value = row.InterfaceId;
            from.Value = (row.StartedAt - TimeSpan.FromHours(1)).UtcTicks;
            to.Value = row.StartedAt.UtcTicks;
            status.Value = (int)row.Status;
            reason.Value = (int)row.Reason;
            started.Value = row.StartedAt.UtcTicks;
            ended.Value = row.EndedAt.UtcTicks;
            errors.Value = row.Status == ExecutionStatus.KO ? 1 : 0;
            key.Value = ++searchKey;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
