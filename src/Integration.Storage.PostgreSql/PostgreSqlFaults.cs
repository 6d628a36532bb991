using Npgsql;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// Test seams: each fails one statement once, right after the database committed it, with a transient
/// <see cref="NpgsqlException"/>, as if the connection dropped before the acknowledgement arrived. The retry pipeline
/// then runs the statement again, and the store must recognise what the first attempt did.
/// </summary>
internal sealed class PostgreSqlFaults
{
    private int _logCommits;
    private int _inserts;

    /// <summary>Loses the acknowledgement of the next log batch's COMMIT.</summary>
    public void LoseNextLogCommitAcknowledgement() => Interlocked.Increment(ref _logCommits);

    /// <summary>Loses the acknowledgement of the next execution's INSERT.</summary>
    public void LoseNextInsertAcknowledgement() => Interlocked.Increment(ref _inserts);

    internal void AfterLogCommit() => ThrowOnce(ref _logCommits);

    internal void AfterInsert() => ThrowOnce(ref _inserts);

    private static void ThrowOnce(ref int armed)
    {
        var current = Volatile.Read(ref armed);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref armed, current - 1, current);
            if (seen == current)
            {
                throw new NpgsqlException("Exception while reading from stream (test fault: the acknowledgement was lost)", new EndOfStreamException());
            }

            current = seen;
        }
    }
}
