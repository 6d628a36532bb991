using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Integration;

internal sealed class RealTimeCalls(DailyExecutions daily, TimeProvider time, IServiceProvider services, ILogger<RealTimeCalls> logger) : IRealTimeCalls
{
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
            var elapsed = time.GetElapsedTime(started);
            log.Write(Line(ExecutionLogLevel.Information, null, $"{operation}: succeeded in {Milliseconds(elapsed)} ms", context, elapsed));
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
            await FlushAsync(log).ConfigureAwait(false);
            var cascade = log.FirstErrorSequence is not null;
            log.Write(Line(ExecutionLogLevel.Error, cascade ? ErrorCategory.Cascade : day.Log.Classify(e), $"{operation}: failed after {Milliseconds(elapsed)} ms: {e.Message}", context, elapsed) with
            {
                CausedBy = log.FirstErrorSequence,
                Exception = ExceptionSummary.From(e),
            });
            throw;
        }
        finally
        {
            ExecutionContextAccessor.Enter(previous);
            await FlushAsync(log).ConfigureAwait(false);
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

    private async ValueTask FlushAsync(CallLog log)
    {
        try
        {
            await log.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.StoreFailed(logger, e, log.ExecutionId);
        }
    }
}
