using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// SQLite's commit of a log batch, through prepared inserts (<see cref="SqliteLineInsert"/>): sequences come from each
/// execution's <c>last_sequence</c>, read and bumped in the batch's transaction together with the execution's error
/// counts (and an OK → KO upgrade when error lines land on an execution that ended OK), so they stay gapless and
/// ordered, and the counts equal the error lines, even with several processes on one file. Lines for an abandoned
/// execution are not written (fencing). The lines' words go to the text index (<c>log_search</c>) in the same
/// transaction, one statement per execution. A batch that met a busy database is run again by
/// <see cref="SqliteDatabase.WriteAsync"/>.
/// </summary>
internal sealed class SqliteLogWriter(SqliteDatabase database, int capacity = LogQueue.DefaultCapacity) : SqlLogWriter(capacity, "SQLite")
{
    private const long NotFound = -1;
    private const long Fenced = -2;
    private static readonly string AddBatch = ExecutionSql.AddBatch(SqliteDialect.Instance, "$last", string.Empty);

    // The words of the first characters of each line's message (as the version 8 migration indexed the lines then stored).
    private static readonly string IndexWords =
        $"INSERT INTO log_search (rowid, message) SELECT ($key << 32) | sequence, substr(message, 1, {LineSearch.IndexedMessageLength}) " +
        "FROM log_lines WHERE execution_id = $id AND sequence > $after AND sequence <= $last";

    protected override Task<long[]> CommitAsync(List<PendingLine> batch)
        => database.WriteAsync(connection => Commit(connection, batch), CancellationToken.None);

    private static long[] Commit(SqliteConnection connection, List<PendingLine> batch)
    {
        var results = new long[batch.Count];
        var shares = BatchShare.Of(batch);
        var executions = new Dictionary<ExecutionId, Written>(shares.Count);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var state = connection.CreateCommand();
        state.Transaction = transaction;
        state.CommandText = "SELECT status, last_sequence, search_key FROM executions WHERE id = $id";
        var stateId = state.Parameters.AddWithValue("$id", string.Empty);
        using var insert = new SqliteLineInsert(connection);
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].ExecutionId;
            if (!executions.TryGetValue(id, out var written))
            {
                var stored = id.ToString();
                stateId.Value = stored;
                using var reader = state.ExecuteReader();
                written = !reader.Read() ? new Written(stored, NotFound, 0)
                    : reader.GetInt32(0) == (int)ExecutionStatus.Abandoned ? new Written(stored, Fenced, 0)
                    : new Written(stored, reader.GetInt64(1), reader.GetInt64(2));
                executions[id] = written;
            }

            if (written.Last < 0)
            {
                results[i] = written.Last == Fenced ? 0 : NotFound;
                continue;
            }

            insert.Insert(written.Stored, ++written.Last, batch[i].Entry);
            results[i] = written.Last;
        }

        // One statement per execution for its words (tokenised inside SQLite, from the lines just inserted) and one for
        // its sequences, its error counts, and OK → KO when errors land after it ended OK.
        using var index = connection.CreateCommand();
        index.Transaction = transaction;
        index.CommandText = IndexWords;
        var indexKey = index.Parameters.AddWithValue("$key", 0L);
        var indexId = index.Parameters.AddWithValue("$id", string.Empty);
        var indexAfter = index.Parameters.AddWithValue("$after", 0L);
        var indexLast = index.Parameters.AddWithValue("$last", 0L);
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
        foreach (var (id, written) in executions)
        {
            if (written.Last <= written.Before)
            {
                continue;
            }

            indexKey.Value = written.SearchKey;
            indexId.Value = written.Stored;
            indexAfter.Value = written.Before;
            indexLast.Value = written.Last;
            index.ExecuteNonQuery();

            var errors = shares[id].Errors;
            bumpLast.Value = written.Last;
            bumpErrors[0].Value = errors.External;
            bumpErrors[1].Value = errors.Configuration;
            bumpErrors[2].Value = errors.Mapping;
            bumpErrors[3].Value = errors.Technical;
            bumpErrors[4].Value = errors.Cascade;
            bumpTotal.Value = errors.Total;
            bumpId.Value = written.Stored;
            bump.ExecuteNonQuery();
        }

        transaction.Commit();
        return results;
    }

    /// <summary>An execution's part of the batch: its id as stored, its last sequence before the batch and now (or why it gets no lines), its key in the text index.</summary>
    private sealed class Written(string stored, long last, long searchKey)
    {
        public string Stored { get; } = stored;

        public long Before { get; } = last;

        public long Last { get; set; } = last;

        public long SearchKey { get; } = searchKey;
    }
}
