using Integration.Storage.Conformance;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class PostgreSqlInterfaceOverviewTests : InterfaceOverviewScenarios, IAsyncLifetime
{
    private PostgresSchema? _schema;

    private string ConnectionString => _schema?.ConnectionString ?? throw new InvalidOperationException("PostgreSQL is not reachable.");

    protected override void UseStore(IExecutionsBuilder builder) => builder.UsePostgreSqlStore(ConnectionString);

    // Binary COPY of the executions and the lines, then ANALYZE: the planner sees the table as it would be in use.
    protected override async Task SeedAsync(IExecutionStore store, IReadOnlyList<Execution> executions, IReadOnlyList<(ExecutionId Execution, LogEntry Line)> lines)
    {
        await store.GetScheduleStatesAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY executions ({ExecutionSql.ExecutionColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in executions)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.Id.Value, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.InterfaceId, NpgsqlDbType.Text);
                await copy.WriteAsync(e.ScheduleId, NpgsqlDbType.Text);
                await copy.WriteAsync((int)e.Kind, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)e.Trigger, NpgsqlDbType.Integer);
                await copy.WriteAsync(e.Window.From.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(e.Window.To.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(copy, e.RerunOf?.Value, NpgsqlDbType.Uuid);
                await WriteOrNullAsync(copy, e.UniqueKey, NpgsqlDbType.Text);
                await copy.WriteAsync((int)e.Status, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)e.Reason, NpgsqlDbType.Integer);
                await copy.WriteAsync(e.StartedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(copy, e.EndedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(e.DurationExceeded, NpgsqlDbType.Boolean);
                foreach (var count in new[] { e.Errors.External, e.Errors.Configuration, e.Errors.Mapping, e.Errors.Technical, e.Errors.Cascade })
                {
                    await copy.WriteAsync(count, NpgsqlDbType.Integer);
                }

                await WriteOrNullAsync(copy, e.NodeId, NpgsqlDbType.Text);
                await WriteOrNullAsync(copy, e.HeartbeatAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(PostgreSqlRows.CopyLines))
        {
            var next = new Dictionary<ExecutionId, long>();
            foreach (var (execution, line) in lines)
            {
                var sequence = next[execution] = next.GetValueOrDefault(execution) + 1;
                await PostgreSqlRows.WriteLineAsync(copy, execution.Value, sequence, line, CancellationToken.None);
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE executions; ANALYZE log_lines", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    protected override async Task CheckPlanAsync(IReadOnlyList<InterfaceActivityQuery> interfaces)
    {
        var statement = new ExecutionSql(PostgreSqlDialect.Instance, TimeProvider.System).InterfaceActivity([.. interfaces.Take(ExecutionSql.ActivityBatch)]);
        var text = await QueryPlan.TextAsync(ConnectionString, statement);
        Assert.DoesNotContain("Seq Scan on executions", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on log_lines", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bitmap Heap Scan", text, StringComparison.Ordinal);
        Assert.Contains("ix_executions_interface_status", text, StringComparison.Ordinal);
        Assert.Contains("ix_executions_interface_started", text, StringComparison.Ordinal);
        Assert.Contains("ix_log_lines_errors", text, StringComparison.Ordinal);
        Console.WriteLine(text);
    }

    public async Task InitializeAsync()
    {
        if (PostgresAvailability.SkipReason is null)
        {
            _schema = await PostgresSchema.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        => value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);
}
