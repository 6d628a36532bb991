using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Integration.Benchmarks;

/// <summary>An in-memory logging provider: what a host that keeps its logs in process does with M.E.Logging.</summary>
public sealed class InMemoryLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(DateTimeOffset Time, LogLevel Level, string Category, string Message)> _records = new();

    public int Count => _records.Count;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(InMemoryLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => provider._records.Enqueue((TimeProvider.System.GetUtcNow(), logLevel, category, formatter(state, exception)));
    }
}
