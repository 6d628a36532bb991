using Polly;
using Polly.Retry;

namespace Integration;

/// <summary>
/// How the scheduler waits while the store fails: exponential back-off with jitter, capped, retried for as long as the
/// store keeps failing. Each failed attempt is logged once, so the log's rate is bounded by the back-off too.
/// </summary>
/// <remarks>
/// A Polly <see cref="ResiliencePipeline"/> rather than a delay computed here: Polly.Core exposes its back-off formula
/// (decorrelated jitter, overflow-safe for long outages) only through its retry strategy, and the pipeline waits on the
/// host's <see cref="TimeProvider"/>, so a fake clock drives the back-off in tests like every other timer. Jitter
/// spreads the attempts of several nodes sharing one store that came back.
/// </remarks>
internal sealed class SchedulerBackoff
{
    /// <summary>Gets the median delay before the first retry; later ones double, up to <see cref="MaxDelay"/>. 1 second by default.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest wait between two attempts. 1 minute by default.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets a value indicating whether delays are jittered. True by default; tests turn it off to count attempts exactly.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Builds a pipeline that retries any failure but the caller's cancellation, without limit.</summary>
    /// <param name="time">The clock the back-off waits on.</param>
    /// <param name="onRetry">Called after each failed attempt, with the delay before the next one.</param>
    public ResiliencePipeline Create(TimeProvider time, Func<OnRetryArguments<object>, ValueTask> onRetry)
        => new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = Delay,
                MaxDelay = MaxDelay,
                UseJitter = UseJitter,
                OnRetry = onRetry,
            })
            .Build();
}
