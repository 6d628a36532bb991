using System.Data.Common;

namespace Integration.Storage;

/// <summary>
/// The statements of the notification outbox, written once from a <see cref="SqlDialect"/>. Like a run request's, a claim
/// is one guarded <c>UPDATE</c> that marks the rows it takes with the claim's id and counts the attempt (PostgreSQL skips
/// the rows another claim holds locked), then a read of that id. Compiled into each SQL store package.
/// </summary>
internal sealed class NotificationSql(SqlDialect dialect, TimeProvider time)
{
    public const string Columns = "id, interface_id, kind, payload, created_at, attempts, claimed_by, claimed_at, delivered_at, last_error";

    private readonly SqlDialect _d = dialect;

    /// <summary>Stores a notification stamped by the store's clock; one whose id is stored already is kept (nothing is inserted).</summary>
    public SqlStatement Insert(StoredNotification n)
        => Clock(new SqlStatement(
            "INSERT INTO notifications (id, interface_id, kind, payload, created_at) " +
            $"VALUES ({_d.Parameter("id")}, {_d.Parameter("interface")}, {_d.Parameter("kind")}, {_d.Parameter("payload")}, {_d.Now}) ON CONFLICT (id) DO NOTHING"))
            .With("id", n.Id)
            .With("interface", n.InterfaceId)
            .With("kind", (int)n.Kind)
            .With("payload", n.Payload);

    /// <summary>
    /// Claims up to <paramref name="limit"/> notifications not delivered, that no node claimed or whose claim expired,
    /// oldest first, marking them with <paramref name="claimId"/> and counting the attempt. The outer condition repeats
    /// the inner one, so a row another claim took meanwhile is not taken again.
    /// </summary>
    public SqlStatement Claim(string nodeId, int limit, TimeSpan claimTimeout, string claimId)
    {
        var claimable = $"delivered_at IS NULL AND (claimed_at IS NULL OR claimed_at <= {_d.Now} - {_d.Parameter("timeout")})";
        // The batch is chosen once (materialized): a subquery in the UPDATE's condition may be run again, and take more.
        return Clock(new SqlStatement(
            $"WITH batch AS MATERIALIZED (SELECT id FROM notifications WHERE {claimable} " +
            $"ORDER BY created_at, id LIMIT {_d.Parameter("limit")}{_d.SkipLocked}) " +
            $"UPDATE notifications SET claimed_by = {_d.Parameter("node")}, claimed_at = {_d.Now}, claim_id = {_d.Parameter("claim")}, attempts = attempts + 1 " +
            $"WHERE id IN (SELECT id FROM batch) AND {claimable}"))
            .With("node", nodeId)
            .With("claim", claimId)
            .With("timeout", claimTimeout)
            .With("limit", limit);
    }

    public SqlStatement SelectClaimed(string claimId)
        => new SqlStatement($"SELECT {Columns} FROM notifications WHERE claim_id = {_d.Parameter("claim")} ORDER BY created_at, id").With("claim", claimId);

    /// <summary>Records a delivery (<paramref name="error"/> null) or a failed one, on a notification not delivered yet; the claim stands.</summary>
    public SqlStatement Finish(string notificationId, string? error)
        => error is null
            ? Clock(new SqlStatement($"UPDATE notifications SET delivered_at = {_d.Now}, last_error = NULL WHERE id = {_d.Parameter("id")} AND delivered_at IS NULL"))
                .With("id", notificationId)
            : new SqlStatement($"UPDATE notifications SET last_error = {_d.Parameter("error")} WHERE id = {_d.Parameter("id")} AND delivered_at IS NULL")
                .With("error", error)
                .With("id", notificationId);

    public SqlStatement SelectById(string notificationId)
        => new SqlStatement($"SELECT {Columns} FROM notifications WHERE id = {_d.Parameter("id")}").With("id", notificationId);

    /// <summary>Deletes up to <paramref name="batchSize"/> notifications delivered before an instant, the oldest deliveries first.</summary>
    public SqlStatement Purge(DateTimeOffset deliveredBefore, int batchSize)
        => new SqlStatement(
            $"DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE delivered_at IS NOT NULL AND delivered_at < {_d.Parameter("before")} " +
            $"ORDER BY delivered_at LIMIT {_d.Parameter("limit")})")
            .With("before", deliveredBefore)
            .With("limit", batchSize);

    public StoredNotification Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        InterfaceId = r.GetString(1),
        Kind = (NotificationKind)r.GetInt32(2),
        Payload = r.GetString(3),
        CreatedAt = _d.ReadTime(r, 4),
        Attempts = r.GetInt32(5),
        ClaimedBy = r.IsDBNull(6) ? null : r.GetString(6),
        ClaimedAt = r.IsDBNull(7) ? null : _d.ReadTime(r, 7),
        DeliveredAt = r.IsDBNull(8) ? null : _d.ReadTime(r, 8),
        LastError = r.IsDBNull(9) ? null : r.GetString(9),
    };

    private SqlStatement Clock(SqlStatement statement) => _d.BindsNow ? statement.With("now", time.GetUtcNow()) : statement;
}
