using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Integration;

/// <summary>
/// The resilience pipeline around one delivery: a timeout per attempt inside retries with exponential backoff and
/// jitter, on the host's <see cref="TimeProvider"/>. Retries network errors, timeouts, 408, 429 and 5xx; never another
/// 4xx (the receiver refused the request: sending it again gets the same answer).
/// </summary>
internal static class WebhookPipeline
{
    /// <summary>The delivery an attempt belongs to, for the retry's log line.</summary>
    public static readonly ResiliencePropertyKey<WebhookDelivery> Delivery = new("Integration.Notifications.Webhooks.Delivery");

    public static ResiliencePipeline<HttpResponseMessage> Create(WebhookNotifierOptions options, TimeProvider timeProvider, string endpoint, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = WebhookNotifierBuilderExtensions.HttpClientName,
            TimeProvider = timeProvider,
        };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(Delivery, out var delivery))
                    {
                        Log.Retrying(logger, delivery.NotificationId, endpoint, delivery.Attempts, Describe(args.Outcome), args.RetryDelay);
                    }

                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Whether an attempt's outcome is worth another attempt.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) => outcome.Exception switch
    {
        HttpRequestException or TimeoutRejectedException => true,

        // The client's own timeout (HttpClient.Timeout), not the caller giving up.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        null => outcome.Result is { } response && IsTransient(response.StatusCode),
        _ => false,
    };

    /// <summary>Describes an attempt's outcome for a log line or an exception message: its status, or what failed.</summary>
    public static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response ? Describe(response.StatusCode) : "no response",
        TimeoutRejectedException timeout => $"timed out after {timeout.Timeout.ToString("c", CultureInfo.InvariantCulture)}",
        OperationCanceledException => "cancelled by the HTTP client's timeout",
        var exception => $"{exception.GetType().Name}: {exception.Message}",
    };

    public static string Describe(HttpStatusCode status) => $"answered {(int)status} {status}";

    private static bool IsTransient(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
