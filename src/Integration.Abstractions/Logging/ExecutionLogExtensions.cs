namespace Integration;

/// <summary>Short ways to write the usual lines into an <see cref="IExecutionLog"/>.</summary>
public static class ExecutionLogExtensions
{
    /// <summary>Writes a debug line.</summary>
    /// <param name="log">The log.</param>
    /// <param name="message">The text.</param>
    public static void Debug(this IExecutionLog log, string message)
        => Checked(log).Write(new LogEntry { Level = ExecutionLogLevel.Debug, Message = message });

    /// <summary>Writes an information line.</summary>
    /// <param name="log">The log.</param>
    /// <param name="message">The text.</param>
    public static void Info(this IExecutionLog log, string message)
        => Checked(log).Write(new LogEntry { Level = ExecutionLogLevel.Information, Message = message });

    /// <summary>Writes a warning line; a warning does not make the execution KO.</summary>
    /// <param name="log">The log.</param>
    /// <param name="message">The text.</param>
    public static void Warning(this IExecutionLog log, string message)
        => Checked(log).Write(new LogEntry { Level = ExecutionLogLevel.Warning, Message = message });

    /// <summary>Writes an error line of a category; the execution will end KO.</summary>
    /// <param name="log">The log.</param>
    /// <param name="category">Whose problem it is.</param>
    /// <param name="message">What went wrong, written for support.</param>
    public static void Error(this IExecutionLog log, ErrorCategory category, string message)
        => Checked(log).Write(new LogEntry { Level = ExecutionLogLevel.Error, Category = category, Message = message });

    /// <summary>
    /// Writes a <see cref="ErrorCategory.Cascade"/> error line: a consequence of an earlier error of the execution.
    /// </summary>
    /// <param name="log">The log.</param>
    /// <param name="message">What failed as a consequence.</param>
    /// <param name="causedBy">The sequence of the error it follows from; defaults to the execution's first error.</param>
    public static void Cascade(this IExecutionLog log, string message, long? causedBy = null)
        => Checked(log).Write(new LogEntry { Level = ExecutionLogLevel.Error, Category = ErrorCategory.Cascade, Message = message, CausedBy = causedBy });

    /// <summary>Writes a line that records one exchange with the external system.</summary>
    /// <param name="log">The log.</param>
    /// <param name="exchange">The exchange.</param>
    /// <param name="message">The line's text; defaults to "METHOD target → status".</param>
    /// <param name="correlationId">The call's correlation id, if any.</param>
    public static void Exchange(this IExecutionLog log, ExchangeDetails exchange, string? message = null, string? correlationId = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        Checked(log).Write(new LogEntry
        {
            Level = ExecutionLogLevel.Information,
            Message = message ?? $"{exchange.Method} {exchange.Target} -> {exchange.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}",
            Exchange = exchange,
            CorrelationId = correlationId,
        });
    }

    private static IExecutionLog Checked(IExecutionLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log;
    }
}
