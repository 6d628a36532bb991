using System.Globalization;

namespace Integration;

/// <summary>
/// Runs real-time calls in their interface's daily execution, each closed by a line saying how it ended (unless the
/// call writes that line itself: <see cref="RealTimeCallOptions.LogsOutcome"/>). A call does not wait for its lines to
/// be stored when it succeeds (an inbound response must not include a group commit); when it fails, it waits for its
/// own lines only, so that its failure line can point at its first error. The day's log tracks every line in flight,
/// counts the ones the store loses, and settles them when the day closes or the host stops.
/// </summary>
internal sealed class RealTimeCalls(DailyExecutions daily, ExecutionLifecycle lifecycle, IServiceProvider services) : IRealTimeCalls
{
    private readonly TimeProvider time = lifecycle.Time;

    public async Task<T> CallAsync<T>(string interfaceId, string operation, Func<IRealTimeCallContext, CancellationToken, Task<T>> call, RealTimeCallOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentNullException.ThrowIfNull(call);
        var day = await daily.GetDayAsync(interfaceId, cancellationToken).ConfigureAwait(false);
        var correlationId = options?.CorrelationId ?? Guid.CreateVersion7(time.GetUtcNow()).ToString("N", CultureInfo.InvariantCulture);
        var direction = options?.Direction ?? day.Registration.Definition.Direction;
        var log = new CallLog(day.Log, correlationId);
        var context = new RealTimeCallContext(day, log, options?.Services ?? services, correlationId, operation, direction, cancellationToken);
        var started = time.GetTimestamp();
        var previous = ExecutionContextAccessor.Enter(context);
        try
        {
            var result = await call(context, cancellationToken).ConfigureAwait(false);
            if (options?.LogsOutcome != true)
            {
                var elapsed = time.GetElapsedTime(started);
                log.Write(Line(ExecutionLogLevel.Information, null, $"{operation}: succeeded in {Milliseconds(elapsed)} ms", context, elapsed));
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var elapsed = time.GetElapsedTime(started);
            log.Write(Line(ExecutionLogLevel.Warning, null, $"{operation}: cancelled by the caller after {Milliseconds(elapsed)} ms", context, elapsed));
            throw;
        }
        catch (Exception e)
        {
            var elapsed = time.GetElapsedTime(started);
            await lifecycle.WriteFailureAsync(log, day.Log, e, Line(ExecutionLogLevel.Error, null, $"{operation}: failed after {Milliseconds(elapsed)} ms: {e.Message}", context, elapsed)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ExecutionContextAccessor.Enter(previous);
        }
    }

    private static LogEntry Line(ExecutionLogLevel level, ErrorCategory? category, string message, RealTimeCallContext context, TimeSpan elapsed) => new()
    {
        Level = level,
        Category = category,
        Message = message,
        CorrelationId = context.CorrelationId,
        Exchange = new ExchangeDetails { Direction = context.Direction, Method = context.Operation, Duration = elapsed },
    };

    private static string Milliseconds(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
