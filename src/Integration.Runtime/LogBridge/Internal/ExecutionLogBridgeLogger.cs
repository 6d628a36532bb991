using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// Copies a line into the current execution: "Category: message", at the matching level. An error line takes the
/// category the classifier chain gives its exception (Technical without one). A line logged while a line is being
/// copied (by a store, say) is not copied again.
/// </summary>
internal sealed class ExecutionLogBridgeLogger(string category, IExecutionContextAccessor accessor, LogLevel minLevel) : ILogger
{
    [ThreadStatic]
    private static bool t_copying;

    private readonly string _source = ShortName(category);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minLevel && logLevel != LogLevel.None && accessor.Current is not null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (t_copying || !IsEnabled(logLevel) || accessor.Current is not { } context)
        {
            return;
        }

        t_copying = true;
        try
        {
            var message = $"{_source}: {formatter(state, exception)}";
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                context.Log.Error(exception, message);
                return;
            }

            context.Log.Write(new LogEntry
            {
                Level = logLevel switch
                {
                    LogLevel.Trace or LogLevel.Debug => ExecutionLogLevel.Debug,
                    LogLevel.Information => ExecutionLogLevel.Information,
                    LogLevel.Warning => ExecutionLogLevel.Warning,
                    _ => ExecutionLogLevel.Error,
                },
                Message = message,
                Exception = exception is null ? null : ExceptionSummary.From(exception),
            });
        }
        catch (Exception)
        {
            // A line that cannot be copied must not fail the code that logged it; the host's other providers still have it.
        }
        finally
        {
            t_copying = false;
        }
    }

    private static string ShortName(string category)
    {
        var generic = category.IndexOf('`', StringComparison.Ordinal);
        var name = generic < 0 ? category : category[..generic];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
