using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// What every exchange line of one handler shares: the clock, the classifier chain, and writing a line without ever
/// letting a failure reach the caller (it goes to the host's log instead).
/// </summary>
internal sealed class ExchangeRecorder(IErrorClassification classification, TimeProvider time, ILogger logger)
{
    public TimeProvider Time => time;

    public ExchangeDetails Exchange(HttpRequestMessage request, string? requestBody) => new()
    {
        Direction = InterfaceDirection.Outbound,
        Method = request.Method.Method,
        Target = request.RequestUri?.ToString(),
        RequestHeaders = HeaderLines.Format(request.Headers, request.Content?.Headers),
        RequestBody = requestBody,
    };

    public ErrorCategory Classify(IExecutionContext context, Exception exception)
        => classification.Classify(exception, new ErrorClassificationContext(context.Interface, context.Execution.Id));

    /// <summary>
    /// Writes the line (with <paramref name="exchange"/> unless it holds its own), stamped with the real-time call's
    /// correlation id, or a new one per exchange in a scheduled execution.
    /// </summary>
    public void Write(IExecutionContext context, ExchangeDetails exchange, Func<LogEntry> line)
    {
        try
        {
            var entry = line();
            context.Log.Write(entry with { Exchange = entry.Exchange ?? exchange, CorrelationId = CorrelationId(context) });
        }
        catch (Exception e)
        {
            NotRecorded(context, exchange, e);
        }
    }

    private string CorrelationId(IExecutionContext context)
        => context is IRealTimeCallContext call ? call.CorrelationId : Guid.CreateVersion7(time.GetUtcNow()).ToString("N", CultureInfo.InvariantCulture);

    private void NotRecorded(IExecutionContext context, ExchangeDetails exchange, Exception e)
    {
        try
        {
            Log.ExchangeNotRecorded(logger, e, context.Execution.Id, exchange.Method ?? "?", TargetText.ForHostLog(exchange.Target));
        }
        catch (Exception)
        {
            // The host's own logger failed too; the call must still go on unharmed.
        }
    }
}
