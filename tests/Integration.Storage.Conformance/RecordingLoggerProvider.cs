using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Integration.Storage.Conformance;

/// <summary>Keeps every entry the host logs, for tests that read them or count the lines of one event.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Event, LogLevel Level, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(EventId Event, LogLevel Level, string Message, Exception? Exception)> Entries => [.. _entries];

    public int Count(int eventId) => _entries.Count(l => l.Event.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(EventId Event, LogLevel Level, string Message, Exception? Exception)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => entries.Enqueue((eventId, logLevel, formatter(state, exception), exception));
    }
}
