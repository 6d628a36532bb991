using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL line search can be answered from its indexes (the plan says so, not a timing: sequential scans are
/// disabled for the plan, so a query the indexes cannot answer still shows a scan of <c>log_lines</c>), and finds the
/// lines a database held before the upgrade that brought it.
/// </summary>
public sealed class PostgreSqlLineSearchTests : PostgresSchemaTest
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task SearchByCorrelationId_ReadsTheCorrelationIndex_NotEveryLine()
    {
        var plan = await PlanAsync(new LineSearch { CorrelationId = "call-42", After = new LineSearchCursor(T0, ExecutionId.New(T0), 3) });

        Assert.Contains("ix_log_lines_correlation", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on log_lines", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task SearchByText_ReadsTheWordsIndex_AndTheCorrelationIndex_NotEveryLine()
    {
        var plan = await PlanAsync(new LineSearch { Text = "ORD-12345", InterfaceId = "sales" });

        Assert.Contains("ix_log_lines_words", plan, StringComparison.Ordinal);
        Assert.Contains("ix_log_lines_correlation", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on log_lines", plan, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task ADatabaseOfVersion4_IsUpgraded_AndItsLinesAreFound()
    {
        var before = ExecutionId.New(T0);
        await PostgresSchema.ExecuteAsync(
            $"SET search_path = {Schema.Name}; " + string.Concat(PostgreSqlSchema.Scripts.Take(4)) +
            "CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); " +
            "INSERT INTO schema_version (version) VALUES (1), (2), (3), (4); " +
            $"INSERT INTO executions (id, interface_id, schedule_id, kind, trigger, window_from, window_to, status, reason, started_at, duration_exceeded, " +
            "err_external, err_configuration, err_mapping, err_technical, err_cascade, last_sequence) " +
            $"VALUES ('{before.Value}', 'public-api', 'public-api_daily', 1, 0, now(), now(), 0, 0, now(), false, 0, 0, 0, 0, 0, 2); " +
            "INSERT INTO log_lines (execution_id, sequence, time, level, message, correlation_id) VALUES " +
            $"('{before.Value}', 1, '2026-03-02T09:00:00Z', 2, 'Ticket T-981 opened', 'call-1'), ('{before.Value}', 2, '2026-03-02T09:01:00Z', 2, 'Ticket T-982 opened', 'call-2');");

        await using var store = new PostgreSqlExecutionStore(Schema.ConnectionString, TimeProvider.System);
        await store.AppendAsync(before, new LogEntry { Time = T0.AddMinutes(2), Message = "Ticket T-981 closed", CorrelationId = "call-3" });

        var byText = await store.SearchLinesAsync(new LineSearch { Text = "t-981" });
        var byCorrelation = await store.SearchLinesAsync(new LineSearch { CorrelationId = "call-2" });

        Assert.Equal(["Ticket T-981 closed", "Ticket T-981 opened"], byText.Items.Select(m => m.Line.Message));
        Assert.All(byText.Items, m => Assert.Equal((before, "public-api", ExecutionKind.Daily), (m.ExecutionId, m.InterfaceId, m.Kind)));
        Assert.Equal((before, 2L), (Assert.Single(byCorrelation.Items).ExecutionId, byCorrelation.Items[0].Line.Sequence));
        await using var connection = new NpgsqlConnection(Schema.ConnectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT max(version) FROM schema_version", connection);
        Assert.Equal(PostgreSqlSchema.CurrentVersion, (int)(await version.ExecuteScalarAsync())!);
    }

    [PostgresFact]
    public async Task LinesWrittenByTwoNodes_AreFoundFromEither()
    {
        await using var a = new PostgreSqlExecutionStore(Schema.ConnectionString, TimeProvider.System);
        await using var b = new PostgreSqlExecutionStore(Schema.ConnectionString, TimeProvider.System);
        var onA = NewExecution("public-api", ExecutionKind.Daily);
        var onB = NewExecution("fnac-sales", ExecutionKind.Scheduled);
        await a.CreateAsync(onA);
        await b.CreateAsync(onB);
        await Task.WhenAll(
            a.AppendAsync(onA.Id, new LogEntry { Time = T0, Message = "Order ORD-3 received", CorrelationId = "call-3" }).AsTask(),
            b.AppendAsync(onB.Id, new LogEntry { Time = T0.AddMinutes(1), Message = "Order ORD-3 pushed", CorrelationId = "call-3" }).AsTask());

        var fromA = await a.SearchLinesAsync(new LineSearch { CorrelationId = "call-3" });
        var fromB = await b.SearchLinesAsync(new LineSearch { Text = "ord-3" });

        Assert.Equal([(onB.Id, ExecutionKind.Scheduled), (onA.Id, ExecutionKind.Daily)], fromA.Items.Select(m => (m.ExecutionId, m.Kind)));
        Assert.Equal(fromA.Items.Select(m => (m.ExecutionId, m.Line.Sequence)), fromB.Items.Select(m => (m.ExecutionId, m.Line.Sequence)));
    }

    private static Execution NewExecution(string interfaceId, ExecutionKind kind) => new()
    {
        Id = ExecutionId.New(T0),
        InterfaceId = interfaceId,
        ScheduleId = kind == ExecutionKind.Daily ? interfaceId + "_daily" : interfaceId,
        Kind = kind,
        Trigger = ExecutionTrigger.Manual,
        Window = new ExecutionWindow(T0.AddHours(-2), T0),
        StartedAt = T0,
        NodeId = "node-" + interfaceId,
    };

    private async Task<string> PlanAsync(LineSearch search)
    {
        await using (var store = new PostgreSqlExecutionStore(Schema.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        return await QueryPlan.TextAsync(Schema.ConnectionString, new ExecutionSql(PostgreSqlDialect.Instance, TimeProvider.System).SearchLines(search), noSeqScan: true);
    }
}
