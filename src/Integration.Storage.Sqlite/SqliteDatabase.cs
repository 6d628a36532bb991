using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// The database file: opened, configured (WAL, full sync) and migrated once, on first use or when the host starts.
/// Writes go through one connection, one at a time (SQLite has one writer anyway); reads open pooled connections,
/// which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lazy<Task<SqliteConnection>> _writer;
    private int _disposed;

    public SqliteDatabase(string connectionString)
    {
        var builder = Parse(connectionString);
        builder.Pooling = true;
        DataSource = builder.DataSource;
        ConnectionString = builder.ToString();
        _writer = new Lazy<Task<SqliteConnection>>(() => Task.Run(OpenWriter), LazyThreadSafetyMode.ExecutionAndPublication);
    }

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

    /// <summary>Opens, configures and migrates the database; throws, naming the store, when it cannot.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _writer.Value.WaitAsync(cancellationToken);

    /// <summary>Runs a write on the writer connection, alone.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        var writer = await _writer.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
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
        await _writer.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
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
            if (_writer.IsValueCreated && _writer.Value.IsCompletedSuccessfully)
            {
                var writer = await _writer.Value.ConfigureAwait(false);
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
            if (_writer.IsValueCreated && _writer.Value.IsCompletedSuccessfully)
            {
                var writer = _writer.Value.GetAwaiter().GetResult();
                SqliteConnection.ClearPool(writer);
                writer.Dispose();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                // WAL lets readers run beside the writer; FULL makes a committed append survive a crash of the host.
                pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
                pragmas.ExecuteNonQuery();
            }

            SqliteSchema.Migrate(connection, DataSource);
            return connection;
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
}
