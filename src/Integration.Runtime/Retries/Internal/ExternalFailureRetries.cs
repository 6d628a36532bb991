using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// Schedules the automatic re-run of a scheduled execution that ends KO on an External first error
/// (<see cref="ScheduleDefinition.ExternalFailureRetry"/>): a run request due after the attempt's delay, stored under an
/// id derived from the failed execution (so storing it twice stores it once), claimed and started once by an executing
/// node (<see cref="RunRequestWorker"/>). When the last re-run fails too, the notifiers are told to contact the provider.
/// </summary>
internal sealed class ExternalFailureRetries(IExecutionStore store, NotificationPublisher notifications, TimeProvider time, ILogger<ExternalFailureRetries> logger)
{
    /// <summary>The id of the run request that re-runs <paramref name="failed"/>: a name-based UUID (version 5) of the execution's id.</summary>
    public static Guid RequestId(ExecutionId failed)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(Encoding.UTF8.GetBytes("integration/retry/" + failed.ToString()), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// The delay before re-run <paramref name="attempt"/> (1-based): <see cref="ExternalFailureRetry.FirstDelay"/> ×
    /// 2<sup>attempt-1</sup>, spread by ±25 % when <see cref="ExternalFailureRetry.UseJitter"/> (the jitter is drawn from
    /// <paramref name="random"/>, a number in [0, 1)), never more than <see cref="ExternalFailureRetry.MaxDelay"/>.
    /// </summary>
    public static TimeSpan Delay(ExternalFailureRetry policy, int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var seconds = policy.FirstDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 40));
        if (policy.UseJitter)
        {
            seconds *= 0.75 + (0.5 * random);
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, policy.MaxDelay.TotalSeconds));
    }

    /// <summary>The first line of an automatic re-run's log.</summary>
    public static string OpeningLine(ExecutionRequest request, int attempt)
    {
        var max = request.Registration.Schedule.ExternalFailureRetry?.MaxAttempts;
        var of = max is { } m ? $" of {m.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
        return $"Automatic re-run {attempt.ToString(CultureInfo.InvariantCulture)}{of} of {request.RerunOf}, which failed on an External error.";
    }

    /// <summary>
    /// Called with an execution about to end: when its interface re-runs External failures, its first error is External
    /// (so it ends KO) and no one cancelled it, stores the next re-run (and writes when it is due in its log), or, after
    /// the last one, notifies that the provider must be contacted. Never throws: a store failure is written in the log
    /// and the host's log.
    /// </summary>
    public async Task ScheduleAsync(ExecutionRequest request, Execution execution, ExecutionReason cancelReason, ExecutionLog log)
    {
        var policy = request.Registration.Schedule.ExternalFailureRetry;
        if (policy is null || execution.Kind != ExecutionKind.Scheduled || log.FirstErrorCategory != ErrorCategory.External || cancelReason == ExecutionReason.Cancelled)
        {
            return;
        }

        var attempt = (request.RetryAttempt ?? 0) + 1;
        try
        {
            if (attempt > policy.MaxAttempts)
            {
                var contact = SupportContacts.Line(SupportContacts.For(ErrorCategory.External, request.Registration.Definition, supportContact: null));
                log.Warning($"The {Count(policy.MaxAttempts)} automatic re-run(s) of this External failure all failed: contact the provider{(contact is null ? "." : $" ({contact}).")}");
                await notifications.RetriesExhaustedAsync(request.Registration.Definition, execution, attempt - 1, policy.MaxAttempts).ConfigureAwait(false);
                return;
            }

            var due = time.GetUtcNow() + Delay(policy, attempt, Random.Shared.NextDouble());
            await store.RequestRunAsync(new RunRequest
            {
                Id = RequestId(execution.Id),
                InterfaceId = execution.InterfaceId,
                Trigger = ExecutionTrigger.Retry,
                Window = execution.Window,
                RerunOf = execution.Id,
                DueAt = due,
                Attempt = attempt,
            }).ConfigureAwait(false);
            log.Info($"Automatic re-run {Count(attempt)} of {Count(policy.MaxAttempts)} due at {due.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}: the error is External, the provider may answer then.");
            RetryLog.Scheduled(logger, execution.Id, execution.InterfaceId, attempt, policy.MaxAttempts, due);
        }
        catch (Exception e)
        {
            log.Warning($"The automatic re-run {Count(attempt)} of {Count(policy.MaxAttempts)} could not be stored: {e.Message}. Re-run it by hand.");
            RetryLog.ScheduleFailed(logger, e, execution.Id, execution.InterfaceId);
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The host's log lines of automatic re-runs.</summary>
internal static partial class RetryLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Execution {ExecutionId} of {InterfaceId} failed on an External error: automatic re-run {Attempt} of {MaxAttempts} due at {DueAt:O}.")]
    public static partial void Scheduled(ILogger logger, ExecutionId executionId, string interfaceId, int attempt, int maxAttempts, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "The automatic re-run of execution {ExecutionId} of {InterfaceId} could not be stored.")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception, ExecutionId executionId, string interfaceId);
}
