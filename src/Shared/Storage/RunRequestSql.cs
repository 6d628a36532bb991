using System.Data.Common;
using System.Globalization;

namespace Integration.Storage;

/// <summary>
/// The statements of run requests (asked on an operate-only host, claimed and started by an executing node), written
/// once from a <see cref="SqlDialect"/>. A claim is one guarded <c>UPDATE</c> that marks the rows it takes with the
/// claim's id (PostgreSQL skips the rows another claim holds locked), then a read of that id. Compiled into each SQL
/// store package.
/// </summary>
internal sealed class RunRequestSql(SqlDialect dialect, TimeProvider time)
{
    public const string Columns = "id, interface_id, trigger, window_from, window_to, rerun_of, actor, requested_at, claimed_by, claimed_at, execution_id, due_at, attempt";

    private readonly SqlDialect _d = dialect;

    /// <summary>Stores a request stamped by the store's clock; a request whose id is stored already is kept.</summary>
    public SqlStatement Insert(RunRequest r)
        => Clock(new SqlStatement(
            "INSERT INTO run_requests (id, interface_id, trigger, window_from, window_to, rerun_of, actor, due_at, attempt, requested_at) " +
            $"VALUES ({_d.Parameter("id")}, {_d.Parameter("interface")}, {_d.Parameter("trigger")}, {_d.Parameter("from")}, {_d.Parameter("to")}, " +
            $"{_d.Parameter("rerun_of")}, {_d.Parameter("actor")}, {_d.Parameter("due_at")}, {_d.Parameter("attempt")}, {_d.Now}) ON CONFLICT (id) DO NOTHING"))
            .With("id", Id(r.Id))
            .With("interface", r.InterfaceId)
            .With("trigger", (int)r.Trigger)
            .With("from", r.Window.From)
            .With("to", r.Window.To)
            .With("rerun_of", r.RerunOf)
            .With("actor", r.Actor)
            .With("due_at", r.DueAt)
            .With("attempt", r.Attempt);

    /// <summary>
    /// Claims up to <paramref name="limit"/> requests not started, of the interfaces given, due by the store's clock, that
    /// no node claimed or whose claim expired, oldest first, marking them with <paramref name="claimId"/>. The outer
    /// condition repeats the inner one, so a row another claim took meanwhile is not taken again.
    /// </summary>
    public SqlStatement Claim(string nodeId, IReadOnlyCollection<string> interfaceIds, int limit, TimeSpan claimTimeout, string claimId)
    {
        var names = interfaceIds.Select((_, i) => _d.Parameter("i" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var claimable = $"execution_id IS NULL AND (due_at IS NULL OR due_at <= {_d.Now}) " +
            $"AND (claimed_at IS NULL OR claimed_at <= {_d.Now} - {_d.Parameter("timeout")})";
        // The batch is chosen once (materialized): a subquery in the UPDATE's condition may be run again, and take more.
        var statement = Clock(new SqlStatement(
            $"WITH batch AS MATERIALIZED (SELECT id FROM run_requests WHERE {claimable} AND interface_id IN ({string.Join(", ", names)}) " +
            $"ORDER BY requested_at, id LIMIT {_d.Parameter("limit")}{_d.SkipLocked}) " +
            $"UPDATE run_requests SET claimed_by = {_d.Parameter("node")}, claimed_at = {_d.Now}, claim_id = {_d.Parameter("claim")} " +
            $"WHERE id IN (SELECT id FROM batch) AND {claimable}"))
            .With("node", nodeId)
            .With("claim", claimId)
            .With("timeout", claimTimeout)
            .With("limit", limit);
        var index = 0;
        foreach (var interfaceId in interfaceIds)
        {
            statement.With("i" + index++.ToString(CultureInfo.InvariantCulture), interfaceId);
        }

        return statement;
    }

    public SqlStatement SelectClaimed(string claimId)
        => new SqlStatement($"SELECT {Columns} FROM run_requests WHERE claim_id = {_d.Parameter("claim")} ORDER BY requested_at, id").With("claim", claimId);

    public SqlStatement MarkStarted(Guid requestId, ExecutionId executionId)
        => new SqlStatement($"UPDATE run_requests SET execution_id = {_d.Parameter("execution")} WHERE id = {_d.Parameter("id")} AND execution_id IS NULL")
            .With("execution", executionId)
            .With("id", Id(requestId));

    public SqlStatement SelectById(Guid requestId)
        => new SqlStatement($"SELECT {Columns} FROM run_requests WHERE id = {_d.Parameter("id")}").With("id", Id(requestId));

    public RunRequest Read(DbDataReader r) => new()
    {
        Id = Guid.Parse(r.GetString(0)),
        InterfaceId = r.GetString(1),
        Trigger = (ExecutionTrigger)r.GetInt32(2),
        Window = new ExecutionWindow(_d.ReadTime(r, 3), _d.ReadTime(r, 4)),
        RerunOf = r.IsDBNull(5) ? null : _d.ReadId(r, 5),
        Actor = r.IsDBNull(6) ? null : r.GetString(6),
        RequestedAt = _d.ReadTime(r, 7),
        ClaimedBy = r.IsDBNull(8) ? null : r.GetString(8),
        ClaimedAt = r.IsDBNull(9) ? null : _d.ReadTime(r, 9),
        ExecutionId = r.IsDBNull(10) ? null : _d.ReadId(r, 10),
        DueAt = r.IsDBNull(11) ? null : _d.ReadTime(r, 11),
        Attempt = r.IsDBNull(12) ? null : r.GetInt32(12),
    };

    // Kept as text in both stores: the id is the requester's, compared only for equality.
    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private SqlStatement Clock(SqlStatement statement) => _d.BindsNow ? statement.With("now", time.GetUtcNow()) : statement;
}
