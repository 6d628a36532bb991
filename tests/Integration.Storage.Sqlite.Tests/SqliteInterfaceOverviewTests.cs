using Integration.Storage.Conformance;
using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteInterfaceOverviewTests : InterfaceOverviewScenarios, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override void UseStore(IExecutionsBuilder builder) => builder.UseSqliteStore(_database.ConnectionString);

    // One transaction of plain inserts: 100,000 executions through the store would be 100,000 commits.
    protected override async Task SeedAsync(IExecutionStore store, IReadOnlyList<Execution> executions, IReadOnlyList<(ExecutionId Execution, LogEntry Line)> lines)
    {
        await store.GetScheduleStatesAsync();
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var sql = new ExecutionSql(SqliteDialect.Instance, TimeProvider.System);
        await using (var command = connection.CreateCommand())
        {
            // One command, prepared once: the insert's text is the same for every execution.
            command.Transaction = transaction;
            foreach (var execution in executions)
            {
                var insert = sql.Insert(execution);
                command.CommandText = insert.Text;
                command.Parameters.Clear();
                SqliteDialect.Instance.Bind(command, insert);
                await command.ExecuteNonQueryAsync();
            }
        }

        await using (var line = connection.CreateCommand())
        {
            line.Transaction = transaction;
            line.CommandText = "INSERT INTO log_lines (execution_id, sequence, time, level, category, message) VALUES ($e, $s, $t, $l, $c, $m)";
            var parameters = new[] { "$e", "$s", "$t", "$l", "$c", "$m" }.Select(name => line.Parameters.Add(name, SqliteType.Text)).ToArray();
            foreach (var (execution, sequence, entry) in Numbered(lines))
            {
                parameters[0].Value = execution.ToString();
                parameters[1].Value = sequence;
                parameters[2].Value = entry.Time.UtcTicks;
                parameters[3].Value = (int)entry.Level;
                parameters[4].Value = entry.Category is { } category ? (int)category : DBNull.Value;
                parameters[5].Value = entry.Message;
                await line.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    protected override async Task CheckPlanAsync(IReadOnlyList<InterfaceActivityQuery> interfaces)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        var statement = new ExecutionSql(SqliteDialect.Instance, TimeProvider.System).InterfaceActivity([.. interfaces.Take(ExecutionSql.ActivityBatch)]);
        var plan = await QueryPlan.StepsAsync(connection, statement);
        var text = string.Join("\n", plan);
        Assert.DoesNotContain(plan, step => System.Text.RegularExpressions.Regex.IsMatch(step, @"^SCAN (e|l|executions|log_lines)\b"));
        Assert.Contains("ix_executions_interface_status", text, StringComparison.Ordinal);
        Assert.Contains("ix_executions_interface_started", text, StringComparison.Ordinal);
        Assert.Contains("ix_log_lines_errors", text, StringComparison.Ordinal);
        Console.WriteLine(text);
    }

    public void Dispose() => _database.Dispose();

    private static IEnumerable<(ExecutionId Execution, long Sequence, LogEntry Entry)> Numbered(IReadOnlyList<(ExecutionId Execution, LogEntry Line)> lines)
    {
        var next = new Dictionary<ExecutionId, long>();
        foreach (var (execution, entry) in lines)
        {
            var sequence = next[execution] = next.GetValueOrDefault(execution) + 1;
            yield return (execution, sequence, entry);
        }
    }
}
