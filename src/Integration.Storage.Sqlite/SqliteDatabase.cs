using System.Data.Common;
using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace Integration.Storage.Sqlite;

/// <summary>
/// The database file: opened, configured (WAL, full sync) and migrated on first use or when the host starts, and
/// again on the next use when that failed. Writes go through one connection, one at a time (SQLite has one writer
/// anyway), and are run again, after a short back-off, when another connection held the file's write lock past the
/// busy timeout (<c>SQLITE_BUSY</c>, <c>SQLITE_LOCKED</c>): SQLite rolled the write back, so it is safe to redo. Reads open
/// pooled connections, which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteDatabase : ISqlDatabase
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly StoreInitialization<SqliteConnection> _writer;
    private readonly ResiliencePipeline _busyRetry;
    private readonly int _busyTimeoutMs;
    private int _disposed;

    public SqliteDatabase(string connectionString, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var builder = Parse(connectionString);
        builder.Pooling = true;
        DataSource = builder.DataSource;
        ConnectionString = builder.ToString();

        // The connection string's Default Timeout (30 s unless set) is how long a write waits for another connection's lock.
        _busyTimeoutMs = checked(builder.DefaultTimeout * 1000);
        _writer = new StoreInitialization<SqliteConnection>(OpenWriterAsync);
        _busyRetry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SqliteException>(IsBusy),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(2),
                UseJitter = true,
                OnRetry = _ =>
                {
                    BusyRetried?.Invoke();
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Gets or sets a test seam: called each time a write is retried because the database was busy or locked.</summary>
    internal Action? BusyRetried { get; set; }

    public string DataSource { get; }

    /// <summary>Parses a connection string; throws, naming the store, when it is malformed or names no file.</summary>
    public static SqliteConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"SQLite execution store: the connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        return string.IsNullOrWhiteSpace(builder.DataSource)
            ? throw new ArgumentException("SQLite execution store: the connection string names no database file (Data Source=…).", nameof(connectionString))
            : builder;
    }

    public string ConnectionString { get; }

    /// <summary>
    /// Opens, configures and migrates the database, unless done already; throws, naming the store, when it cannot
    /// (<see cref="StoreUnavailableException"/> when the file cannot be opened now, and the next call tries again).
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _writer.GetAsync(cancellationToken);

    /// <summary>
    /// Runs a write on the writer connection, alone; runs it again when the database was busy or locked (the write
    /// must leave nothing behind when it throws: one statement, or one transaction).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
        => await _busyRetry.ExecuteAsync(async ct => await WriteOnceAsync(write, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public Task<int> ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken, Action? afterCommit = null)
        => WriteAsync(c =>
        {
            using var command = Command(c, statement);
            var changed = command.ExecuteNonQuery();
            afterCommit?.Invoke();
            return changed;
        }, cancellationToken);

    public Task<int> ExecuteAtomicallyAsync(SqlStatement statement, CancellationToken cancellationToken)
        => WriteAsync(c =>
        {
            using var transaction = c.BeginTransaction(deferred: false);
            using var command = Command(c, statement);
            command.Transaction = transaction;
            var changed = command.ExecuteNonQuery();
            transaction.Commit();
            return changed;
        }, cancellationToken);

    public Task<T?> WriteOneAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
        => WriteAsync(c =>
        {
            using var command = Command(c, statement);
            using var reader = command.ExecuteReader();
            return reader.Read() ? map(reader) : null;
        }, cancellationToken);

    public async Task<List<T>> ReadAsync<T>(SqlStatement statement, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, statement);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    /// <summary>Tells SQLITE_BUSY (5) and SQLITE_LOCKED (6), also as extended codes, from other errors.</summary>
    public static bool IsBusy(SqliteException e)
        => (e.SqliteErrorCode & 0xFF) is 5 or 6 || (e.SqliteExtendedErrorCode & 0xFF) is 5 or 6;

    private async Task<T> WriteOnceAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        var writer = await _writer.GetAsync(cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
            return write(writer);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Opens a pooled connection for reading, once the database is ready.</summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await _writer.GetAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            SqliteWordIndex.AddSearchFunction(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_writer.TryGetResult(out var writer))
            {
                SqliteConnection.ClearPool(writer);
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _writeGate.Wait();
        try
        {
            if (_writer.TryGetResult(out var writer))
            {
                SqliteConnection.ClearPool(writer);
                writer.Dispose();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqlStatement statement)
    {
        var command = connection.CreateCommand();
        command.CommandText = statement.Text;
        SqliteDialect.Instance.Bind(command, statement);
        return command;
    }

    private async Task<SqliteConnection> OpenWriterAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                // WAL lets readers run beside the writer; FULL makes a committed append survive a crash of the host.
                pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = " + _busyTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
                pragmas.ExecuteNonQuery();
            }

            await SqliteSchema.MigrateAsync(connection, DataSource).ConfigureAwait(false);

            // Lines committed before the host stopped (or crashed) whose words were not indexed yet.
            SqliteWordIndex.IndexBehind(connection);
            return connection;
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            connection.Dispose();
            throw new StoreUnavailableException($"SQLite execution store: cannot open the database '{DataSource}': {e.Message}", e);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidOperationException($"SQLite execution store: cannot open the database '{DataSource}': {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // The file cannot be opened now (its folder is missing or not mounted, an I/O error) or another process holds it:
    // conditions that may pass. Anything else (not a database, corrupt) is a real problem.
    private static bool IsUnavailable(SqliteException e) => IsBusy(e) || (e.SqliteErrorCode & 0xFF) is 10 or 14;
}
