using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Adds exchange logging to an <see cref="HttpClient"/> built by the HttpClient factory.</summary>
public static class ExecutionLoggingHttpClientBuilderExtensions
{
    /// <summary>
    /// Records every request this client sends, and its answer or failure, in the execution the calling code runs in
    /// (a connector's, or a real-time call's daily execution): method, URL, allow-listed headers, capped bodies,
    /// status, duration and correlation id, redacted before they are stored. An unsuccessful status, a failure, or a
    /// response whose body is cut short writes an error line whose category the classifier chain gives (by default:
    /// network errors, timeouts, aborted bodies, 5xx, 408 and 429 are External; 401, 403, 407, 404 and 410
    /// Configuration; 400 and 422 Mapping; other statuses Technical). The line of a successful response whose body is
    /// longer than the payload cap (or binary) is written when the caller has read that body to its end, failed to,
    /// or disposed of it. Outside any execution the handler records nothing. Logging never changes what the caller
    /// gets. Added after a resilience handler, it records each attempt; before it, each call.
    /// </summary>
    /// <param name="builder">The client's builder, from <c>AddHttpClient</c>.</param>
    /// <param name="configure">Changes this client's settings, or null for the defaults.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHttpClientBuilder AddExecutionLogging(this IHttpClientBuilder builder, Action<HttpExchangeLoggingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        if (configure is not null)
        {
            builder.Services.Configure(name, configure);
        }

        builder.AddHttpMessageHandler(services => new ExchangeLoggingHandler(
            services.GetService<IExecutionContextAccessor>() ?? throw new InvalidOperationException(
                $"HttpClient '{name}': AddExecutionLogging needs the execution runtime; call services.AddExecutions(...) too."),
            services.GetRequiredService<IErrorClassification>(),
            services.GetRequiredService<IOptions<ExchangeCaptureOptions>>().Value,
            services.GetRequiredService<IOptionsMonitor<HttpExchangeLoggingOptions>>().Get(name),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILogger<ExchangeLoggingHandler>>()));
        return builder;
    }
}
