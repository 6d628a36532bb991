using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Adds the webhook notifier to the execution runtime.</summary>
public static class WebhookNotifierBuilderExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> the notifier gets from <see cref="IHttpClientFactory"/>: configure it
    /// (<c>services.AddHttpClient(HttpClientName).AddHttpMessageHandler(…)</c>, a proxy, a client certificate) to
    /// change how requests leave the host.
    /// </summary>
    public const string HttpClientName = "Integration.Notifications.Webhooks";

    /// <summary>
    /// Delivers every notification (an interface turning KO, recovering, overdue, over its maximum duration, a stale
    /// daily execution, automatic re-runs exhausted) to an HTTP endpoint: one POST per notification whose body is one
    /// CloudEvent 1.0 in structured mode (<c>application/cloudevents+json</c>; the event's <c>id</c> is the
    /// notification's, the same on every attempt, its <c>data</c> the <see cref="ExecutionNotification"/> as JSON),
    /// signed with HMAC-SHA256 in <see cref="WebhookNotifierOptions.SignatureHeader"/>. Network errors, timeouts and
    /// answers 408, 429 and 5xx are retried with exponential backoff; when the delivery still fails, the runtime keeps
    /// the notification and tries again later. The options are validated when the host starts; safe to call twice
    /// (both configurations apply, in order).
    /// </summary>
    /// <param name="builder">The builder, from <c>AddExecutions</c>.</param>
    /// <param name="configure">Sets the endpoint and the secret, and changes the other options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddWebhookNotifier(this IExecutionsBuilder builder, Action<WebhookNotifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<WebhookNotifierOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookNotifierOptions>, WebhookNotifierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Each attempt has its own timeout (the pipeline's); the client's own 100 seconds would only cut it shorter.
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        return builder.AddNotifier<WebhookNotifier>();
    }
}
