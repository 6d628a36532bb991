using System.Text;

namespace Integration;

/// <summary>What a log line keeps of an exception: its type, its message and those of its inner exceptions, its stack trace.</summary>
/// <param name="Type">The exception's full type name.</param>
/// <param name="Message">The message, followed by the inner exceptions' as " ---> Type: message".</param>
/// <param name="StackTrace">The stack trace, if any.</param>
public sealed record ExceptionSummary(string Type, string Message, string? StackTrace)
{
    /// <summary>Summarises an exception and its inner exceptions.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The summary.</returns>
    public static ExceptionSummary From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = new StringBuilder(exception.Message);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            message.Append(" ---> ").Append(inner.GetType().FullName).Append(": ").Append(inner.Message);
        }

        return new ExceptionSummary(exception.GetType().FullName ?? exception.GetType().Name, message.ToString(), exception.StackTrace);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type}: {Message}";
}
