using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// SQLite's commit of a log batch, through one prepared insert: sequences come from each execution's
/// <c>last_sequence</c>, read and bumped in the batch's transaction together with the execution's error counts (and an
/// OK → KO upgrade when error lines land on an execution that ended OK), so they stay gapless and ordered, and the
/// counts equal the error lines, even with several processes on one file. Lines for an abandoned execution are not
/// written (fencing). Each line's words go to the text index (<c>log_search</c>) in the same transaction. A batch that
/// met a busy database is run again by <see cref="SqliteDatabase.WriteAsync"/>.
/// </summary>
internal sealed class SqliteLogWriter(SqliteDatabase database, int capacity = LogQueue.DefaultCapacity) : SqlLogWriter(capacity, "SQLite")
{
    private const long NotFound = -1;
    private const long Fenced = -2;
    private static readonly string AddBatch = ExecutionSql.AddBatch(SqliteDialect.Instance, "$last", string.Empty);

    protected override Task<long[]> CommitAsync(List<PendingLine> batch)
        => database.WriteAsync(connection => Commit(connection, batch), CancellationToken.None);

    private static long[] Commit(SqliteConnection connection, List<PendingLine> batch)
    {
        var results = new long[batch.Count];
        var shares = BatchShare.Of(batch);
        var last = new Dictionary<ExecutionId, long>(shares.Count);
        var searchKeys = new Dictionary<ExecutionId, long>(shares.Count);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var state = connection.CreateCommand();
        state.Transaction = transaction;
        state.CommandText = "SELECT status, last_sequence, search_key FROM executions WHERE id = $id";
        var stateId = state.Parameters.AddWithValue("$id", string.Empty);
        using var insert = SqliteRows.CreateLineInsert(connection, transaction);
        using var index = SqliteRows.CreateSearchInsert(connection, transaction);
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].ExecutionId;
            if (!last.TryGetValue(id, out var sequence))
            {
                stateId.Value = id.ToString();
                using var reader = state.ExecuteReader();
                sequence = !reader.Read() ? NotFound : reader.GetInt32(0) == (int)ExecutionStatus.Abandoned ? Fenced : reader.GetInt64(1);
                last[id] = sequence;
                if (sequence >= 0)
                {
                    searchKeys[id] = reader.GetInt64(2);
                }
            }

            if (sequence < 0)
            {
                results[i] = sequence == Fenced ? 0 : NotFound;
                continue;
            }

            last[id] = ++sequence;
            SqliteRows.BindLine(insert, id.ToString(), sequence, batch[i].Entry);
            insert.ExecuteNonQuery();
            SqliteRows.BindSearch(index, SqliteDialect.SearchRowId(searchKeys[id], sequence), batch[i].Entry.Message);
            index.ExecuteNonQuery();
            results[i] = sequence;
        }

        // One statement per execution: its sequences, its error counts, and OK → KO when errors land after it ended OK.
        using var bump = connection.CreateCommand();
        bump.Transaction = transaction;
        bump.CommandText = AddBatch;
        var bumpLast = bump.Parameters.AddWithValue("$last", 0L);
        var bumpErrors = new[]
        {
            bump.Parameters.AddWithValue("$e0", 0), bump.Parameters.AddWithValue("$e1", 0), bump.Parameters.AddWithValue("$e2", 0),
            bump.Parameters.AddWithValue("$e3", 0), bump.Parameters.AddWithValue("$e4", 0),
        };
        var bumpTotal = bump.Parameters.AddWithValue("$errors", 0);
        var bumpId = bump.Parameters.AddWithValue("$id", string.Empty);
        foreach (var (id, sequence) in last)
        {
            if (sequence > 0)
            {
                var errors = shares[id].Errors;
                bumpLast.Value = sequence;
                bumpErrors[0].Value = errors.External;
                bumpErrors[1].Value = errors.Configuration;
                bumpErrors[2].Value = errors.Mapping;
                bumpErrors[3].Value = errors.Technical;
                bumpErrors[4].Value = errors.Cascade;
                bumpTotal.Value = errors.Total;
                bumpId.Value = id.ToString();
                bump.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return results;
    }
}
