using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// The words of the log lines (<c>log_search</c>, FTS5), kept off the append path (schema version 10): the log writer
/// commits lines without their words, and indexes the words of the lines committed before, together with the move of
/// each execution's mark (<c>indexed_sequence</c>): in the next batch's transaction while appends keep coming, in a
/// transaction of its own once the queue stayed empty a moment, and when the database is opened (so lines committed
/// just before a crash are indexed at the next start). The line search reads
/// the indexed lines through FTS5 and the lines above the mark directly, testing their words as the other stores do
/// (<see cref="LineSearch.HoldsWords"/>, the function <c>holds_words</c> every reader connection gets).
/// </summary>
internal static class SqliteWordIndex
{
    /// <summary>The name of the SQL function that tells whether a message holds the words of an FTS5 query of <see cref="SqliteDialect.Words"/>.</summary>
    public const string HoldsWordsFunction = "holds_words";

    /// <summary>
    /// The lines whose words the search reads directly: those above their execution's mark, found through the partial
    /// index of the executions that have any, each execution's lines read by key from the mark up.
    /// </summary>
    public const string LinesAboveTheMark =
        "SELECT u.id, p.sequence FROM executions u INDEXED BY ix_executions_unindexed CROSS JOIN log_lines p " +
        "WHERE u.indexed_sequence < u.last_sequence AND p.execution_id = u.id AND p.sequence > u.indexed_sequence " +
        "AND " + HoldsWordsFunction + "(p.message, $words)";

    // The words of the first characters of each line's message, as the append path indexed them up to version 9.
    private static readonly string IndexAboveTheMarks =
        $"INSERT INTO log_search (rowid, message) SELECT (e.search_key << 32) | l.sequence, substr(l.message, 1, {LineSearch.IndexedMessageLength}) " +
        "FROM executions e INDEXED BY ix_executions_unindexed CROSS JOIN log_lines l " +
        "WHERE e.indexed_sequence < e.last_sequence AND l.execution_id = e.id AND l.sequence > e.indexed_sequence AND l.sequence <= e.last_sequence";

    private const string MoveTheMarks =
        "UPDATE executions INDEXED BY ix_executions_unindexed SET indexed_sequence = last_sequence WHERE indexed_sequence < last_sequence";

    /// <summary>
    /// Indexes the words of every line above its execution's mark and moves the marks, in one immediate transaction
    /// (nothing is indexed twice, nor left behind a mark, whoever else writes to the file); returns how many lines.
    /// </summary>
    public static int IndexBehind(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var indexed = IndexBehind(connection, transaction);
        transaction.Commit();
        return indexed;
    }

    /// <summary>
    /// Indexes the words of every line above its execution's mark and moves the marks, inside a transaction the caller
    /// commits (a log batch's, for the lines of the batches before it); returns how many lines.
    /// </summary>
    public static int IndexBehind(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var index = connection.CreateCommand();
        index.Transaction = transaction;
        index.CommandText = IndexAboveTheMarks;
        var indexed = index.ExecuteNonQuery();
        if (indexed > 0)
        {
            index.CommandText = MoveTheMarks;
            index.ExecuteNonQuery();
        }

        return indexed;
    }

    /// <summary>Gives a connection the function <c>holds_words(message, words)</c> the search of the lines above the marks calls.</summary>
    public static void AddSearchFunction(SqliteConnection connection)
        => connection.CreateFunction<string, string, bool>(HoldsWordsFunction, HoldsWords, isDeterministic: true);

    // The words come as the search bound them for FTS5 (SqliteDialect.Words: each word quoted, lower-cased, letters and
    // digits only), so they split back at the spaces.
    private static bool HoldsWords(string message, string words)
        => LineSearch.HoldsWords(message, words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"')).ToList());
}
