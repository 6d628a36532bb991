using System.Data.Common;

namespace Integration.Storage;

/// <summary>
/// How a SQL store runs a statement: on which connection, in which transaction, retried how. The statements themselves
/// are the same for each store (<see cref="ExecutionSql"/>). Compiled into each SQL store package.
/// </summary>
internal interface ISqlDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>Opens and migrates the database now, unless done already.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Runs a write; <paramref name="afterCommit"/> runs once it committed (a test seam).</summary>
    Task<int> ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken, Action? afterCommit = null);

    /// <summary>Runs a write of several statements (separated by <c>;</c>) in one transaction: all of it or none.</summary>
    Task<int> ExecuteAtomicallyAsync(SqlStatement statement, CancellationToken cancellationToken);

    /// <summary>Runs a write that returns rows (<c>UPDATE … RETURNING</c>); gives its first row, mapped.</summary>
    Task<T?> WriteOneAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Runs a read; gives its rows, mapped.</summary>
    Task<List<T>> ReadAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken);
}
