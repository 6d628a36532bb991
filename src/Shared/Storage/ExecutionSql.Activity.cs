using System.Globalization;

namespace Integration.Storage;

/// <summary>The statement of the interface activity (the interface overview's one store call).</summary>
internal sealed partial class ExecutionSql
{
    /// <summary>The most interfaces one <see cref="InterfaceActivity"/> statement asks for: two parameters each, under SQLite's old limit of 999.</summary>
    public const int ActivityBatch = 400;

    /// <summary>The ordinal of <c>interface_id</c> in a row of <see cref="InterfaceActivity"/>: after the execution's columns.</summary>
    public static readonly int ActivityColumnsAt = ReadColumns.Split(", ").Length;

    /// <summary>
    /// The activity of up to <see cref="ActivityBatch"/> interfaces, in one statement of index seeks per interface
    /// (never a scan of <c>executions</c> or <c>log_lines</c>): per interface, a row with role 0 carrying its newest
    /// execution (its columns NULL when it has none), then a row with role 1 for its newest KO and role 2 for its newest
    /// running execution when it has them. Each row is <see cref="ReadColumns"/>, then <c>interface_id, role,
    /// ok_count, ko_count, has_scheduled, first_error</c> (the category of the KO's first error line, on role 0 rows).
    /// </summary>
    public SqlStatement InterfaceActivity(IReadOnlyList<InterfaceActivityQuery> interfaces)
    {
        var values = string.Join(", ", interfaces.Select((_, i) => $"({_d.Parameter("i" + i.ToString(CultureInfo.InvariantCulture))}, {_d.Parameter("s" + i.ToString(CultureInfo.InvariantCulture))})"));
        const string Of = "FROM executions e WHERE e.interface_id = q.interface_id";
        const string Carried = "ok_count, ko_count, has_scheduled, ko_id";
        var statement = new SqlStatement(
            $"WITH q (interface_id, since) AS (VALUES {values}),\n" +
            "a AS MATERIALIZED (SELECT q.interface_id,\n" +
            $"  (SELECT e.id {Of} ORDER BY e.id DESC LIMIT 1) AS last_id,\n" +
            $"  (SELECT e.id {Of} AND e.status = {Stored(ExecutionStatus.KO)} ORDER BY e.id DESC LIMIT 1) AS ko_id,\n" +
            $"  (SELECT e.id {Of} AND e.status = {Running} ORDER BY e.id DESC LIMIT 1) AS running_id,\n" +
            $"  (SELECT count(*) {Of} AND e.status = {Stored(ExecutionStatus.OK)} AND e.started_at >= q.since) AS ok_count,\n" +
            $"  (SELECT count(*) {Of} AND e.status = {Stored(ExecutionStatus.KO)} AND e.started_at >= q.since) AS ko_count,\n" +
            $"  EXISTS (SELECT 1 {Of} AND e.kind = {Stored(ExecutionKind.Scheduled)}) AS has_scheduled\n" +
            "  FROM q),\n" +
            $"x AS (SELECT interface_id, 0 AS role, last_id AS id, {Carried} FROM a\n" +
            $"  UNION ALL SELECT interface_id, 1, ko_id, {Carried} FROM a WHERE ko_id IS NOT NULL\n" +
            $"  UNION ALL SELECT interface_id, 2, running_id, {Carried} FROM a WHERE running_id IS NOT NULL)\n" +
            $"SELECT {string.Join(", ", ReadColumns.Split(", ").Select(c => "e." + c))}, x.interface_id, x.role, x.ok_count, x.ko_count, x.has_scheduled,\n" +
            $"  CASE WHEN x.role = 0 THEN (SELECT coalesce(l.category, {Stored(ErrorCategory.Technical)}) FROM log_lines l " +
            $"WHERE l.execution_id = x.ko_id AND l.level = {Stored(ExecutionLogLevel.Error)} ORDER BY l.sequence LIMIT 1) END AS first_error\n" +
            "FROM x LEFT JOIN executions e ON e.id = x.id");
        for (var i = 0; i < interfaces.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            statement.With("i" + index, interfaces[i].InterfaceId).With("s" + index, interfaces[i].Since);
        }

        return statement;
    }
}
