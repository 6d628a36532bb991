using System.Data.Common;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// The database: one connection pool (an <see cref="NpgsqlDataSource"/>) per store, the schema migrated on first use
/// or when the host starts (and again on the next use when that failed), and the retry pipeline for transient failures.
/// </summary>
internal sealed class PostgreSqlDatabase : ISqlDatabase
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreInitialization<bool> _initialized;

    public PostgreSqlDatabase(string connectionString, TimeProvider time)
    {
        var builder = Parse(connectionString);
        Name = $"{builder.Database ?? builder.Username ?? "postgres"} on {builder.Host ?? "localhost"}:{builder.Port}";
        // The store leaves no session state on a connection (no SET, no LISTEN, no temporary table, no session lock), so
        // resetting it when it goes back to the pool (a DISCARD ALL before its next statement) is work for nothing.
        builder.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(builder);
        _initialized = new StoreInitialization<bool>(InitializeCoreAsync);
        Retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Transient by Npgsql's rules, or the server ended the session (restart, failover, terminated backend).
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" }),
                MaxRetryAttempts = 6,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(5),
                UseJitter = true,
            })
            .Build();
    }

    /// <summary>Parses a connection string; throws, naming the store, when it is malformed.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"PostgreSQL execution store: the connection string is not valid: {e.Message}", nameof(connectionString), e);
        }
    }

    /// <summary>Gets the database and server, for messages (never the password).</summary>
    public string Name { get; }

    /// <summary>Gets the retry pipeline for transient failures (a dropped connection, a failover, too many clients).</summary>
    public ResiliencePipeline Retry { get; }

    /// <summary>Gets the test seams that fail a statement once after it committed.</summary>
    internal PostgreSqlFaults Faults { get; } = new();

    /// <summary>
    /// Connects and migrates the schema, unless done already; throws, naming the store, when it cannot
    /// (<see cref="StoreUnavailableException"/> when the database cannot be reached now, and the next call tries again).
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialized.GetAsync(cancellationToken);

    /// <summary>Opens a pooled connection, once the schema is ready.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialized.GetAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    // Every statement is safe to retry: inserts do nothing on conflict, updates are guarded by the row's state.
    public Task<int> ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken, Action? afterCommit = null)
        => RunAsync(
            statement,
            async (command, ct) =>
            {
                var changed = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                afterCommit?.Invoke();
                return changed;
            },
            cancellationToken);

    // A command of several statements runs in one implicit transaction.
    public Task<int> ExecuteAtomicallyAsync(SqlStatement statement, CancellationToken cancellationToken)
        => ExecuteAsync(statement, cancellationToken);

    public async Task<T?> WriteOneAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await ReadAsync(statement, map, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Runs a write that returns one row, mapped (null when none); <paramref name="afterCommit"/> runs once it committed (a test seam).</summary>
    public Task<T?> WriteOneAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, Action? afterCommit, CancellationToken cancellationToken)
        where T : class
        => RunAsync(
            statement,
            async (command, ct) =>
            {
                T? row = null;
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        row = map(reader);
                    }
                }

                afterCommit?.Invoke();
                return row;
            },
            cancellationToken);

    public Task<List<T>> ReadAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        => RunAsync(
            statement,
            async (command, ct) =>
            {
                var rows = new List<T>();
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(map(reader));
                }

                return rows;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private async Task<T> RunAsync<T>(SqlStatement statement, Func<NpgsqlCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
        => await Retry.ExecuteAsync(
            async ct =>
            {
                var connection = await OpenAsync(ct).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await using var command = new NpgsqlCommand(statement.Text, connection);
                    PostgreSqlDialect.Instance.Bind(command, statement);
                    return await run(command, ct).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);

    private async Task<bool> InitializeCoreAsync()
    {
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException($"PostgreSQL execution store: cannot connect to the database {Name}: {e.Message}", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"PostgreSQL execution store: cannot connect to the database {Name}: {e.Message}", e);
        }

        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await PostgreSqlSchema.MigrateAsync(connection, Name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException e) when (IsUnavailable(e))
            {
                throw new StoreUnavailableException($"PostgreSQL execution store: lost the database {Name} while migrating its schema: {e.Message}", e);
            }
        }

        return true;
    }

    // The server is down, restarting or out of connections, the network is, or the database is not created yet: may
    // pass. A refused password or a missing permission is our configuration, and stops the host.
    private static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.IsTransient || p.SqlState is "3D000" or "57P01" or "57P02" or "57P03",
        NpgsqlException => true,
        TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    };
}
