using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Integration.Tests.Support;

/// <summary>Keeps what the host logs, to count the lines of one event.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Event, LogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(EventId Event, LogLevel Level, string Message)> Lines => [.. _lines];

    public int Count(int eventId) => _lines.Count(l => l.Event.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(EventId Event, LogLevel Level, string Message)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
