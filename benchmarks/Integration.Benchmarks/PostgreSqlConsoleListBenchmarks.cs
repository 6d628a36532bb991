using Integration.Storage.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Benchmarks;

/// <summary>
/// <see cref="ConsoleListBenchmarkBase"/> on the PostgreSQL store, in its own schema (<c>bench_console_v{schema
/// version}</c>) of the database of INTEGRATION_POSTGRES, kept and reused by the next runs (drop it to reseed). Needs a
/// PostgreSQL server, like <see cref="PostgreSqlAppendBenchmarks"/>.
/// </summary>
public class PostgreSqlConsoleListBenchmarks : ConsoleListBenchmarkBase
{
    protected override async Task<IExecutionStore> OpenSeededStoreAsync()
    {
        var version = await SchemaVersionAsync();
        var schema = $"bench_console_v{version}";
        var connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlAppendBenchmarks.ConnectionString) { SearchPath = schema, CommandTimeout = 600 }.ConnectionString;
        await using (var admin = new NpgsqlConnection(PostgreSqlAppendBenchmarks.ConnectionString))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_namespace WHERE nspname = '{schema}'", admin);
            if ((long)(await exists.ExecuteScalarAsync())! == 0)
            {
                // Seeded in a schema renamed once complete, so an interrupted seeding is never reused.
                var seeding = schema + "_seeding";
                await using (var create = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {seeding} CASCADE; CREATE SCHEMA {seeding}", admin))
                {
                    await create.ExecuteNonQueryAsync();
                }

                var seedingConnection = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = seeding }.ConnectionString;
                await using (var store = new PostgreSqlExecutionStore(seedingConnection, TimeProvider.System))
                {
                    await store.InitializeAsync(CancellationToken.None);
                }

                await SeedAsync(seedingConnection);
                await using var rename = new NpgsqlCommand($"ALTER SCHEMA {seeding} RENAME TO {schema}", admin);
                await rename.ExecuteNonQueryAsync();
            }
        }

        var seeded = new PostgreSqlExecutionStore(connectionString, TimeProvider.System);
        await seeded.InitializeAsync(CancellationToken.None);
        return seeded;
    }

    /// <summary>The store's schema version: the one it creates in an empty schema.</summary>
    private static async Task<int> SchemaVersionAsync()
    {
        var schema = "bench_probe_" + Guid.NewGuid().ToString("N")[..8];
        await using var admin = new NpgsqlConnection(PostgreSqlAppendBenchmarks.ConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await using (var store = new PostgreSqlExecutionStore(new NpgsqlConnectionStringBuilder(PostgreSqlAppendBenchmarks.ConnectionString) { SearchPath = schema }.ConnectionString, TimeProvider.System))
            {
                await store.InitializeAsync(CancellationToken.None);
            }

            await using var read = new NpgsqlCommand($"SELECT max(version) FROM {schema}.schema_version", admin);
            return Convert.ToInt32(await read.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Writes the seeded executions into the store's own table with one binary COPY, then analyzes it.</summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY executions (id, interface_id, schedule_id, kind, trigger, window_from, window_to, status, reason, started_at, ended_at, " +
            "duration_exceeded, err_external, err_configuration, err_mapping, err_technical, err_cascade, node_id, lease_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in ConsoleListSeed.Rows())
            {
                var started = row.StartedAt.UtcDateTime;
                var ended = row.EndedAt.UtcDateTime;
                await copy.StartRowAsync();
                await copy.WriteAsync(row.Id.Value, NpgsqlDbType.Uuid);
                await copy.WriteAsync(row.InterfaceId, NpgsqlDbType.Text);
                await copy.WriteAsync(row.InterfaceId, NpgsqlDbType.Text);
                await copy.WriteAsync((int)ExecutionKind.Scheduled, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)ExecutionTrigger.Schedule, NpgsqlDbType.Integer);
                await copy.WriteAsync(started.AddHours(-1), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(started, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync((int)row.Status, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)row.Reason, NpgsqlDbType.Integer);
                await copy.WriteAsync(started, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(ended, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(row.Status == ExecutionStatus.KO ? 1 : 0, NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync("node-1", NpgsqlDbType.Text);
                await copy.WriteAsync(ended, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE executions", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
