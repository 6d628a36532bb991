using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// The built-in rules, asked after the host's classifiers:
/// the typed exceptions (<see cref="IntegrationException"/>) give their own category;
/// network failures, timeouts and HTTP 5xx/408/429 are External; HTTP 401/403 are Configuration (credentials);
/// HTTP 400/422 are Mapping (the partner rejected our data); JSON, format, cast and overflow failures are Mapping;
/// options validation failures and missing settings are Configuration; anything else is Technical.
/// </summary>
internal sealed class DefaultErrorClassifier : IErrorClassifier
{
    public static DefaultErrorClassifier Instance { get; } = new();

    public ErrorCategory? Classify(Exception exception, ErrorClassificationContext context) => Recognise(exception) ?? ErrorCategory.Technical;

    /// <summary>Gets the category the built-in rules give an exception they recognise; null for the fallback (anything else: Technical).</summary>
    public static ErrorCategory? Recognise(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Recognise(aggregate.InnerExceptions[0]),
        IntegrationException typed => typed.Category,
        HttpRequestException { StatusCode: { } status } => FromStatus(status),
        HttpRequestException or SocketException or WebException => ErrorCategory.External,
        TimeoutException => ErrorCategory.External,
        TaskCanceledException { InnerException: TimeoutException } => ErrorCategory.External,
        JsonException or FormatException or InvalidCastException or OverflowException => ErrorCategory.Mapping,
        OptionsValidationException => ErrorCategory.Configuration,
        IOException { InnerException: SocketException } => ErrorCategory.External,
        _ => null,
    };

    public static ErrorCategory FromStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => ErrorCategory.Configuration,
        400 or 422 => ErrorCategory.Mapping,
        408 or 429 => ErrorCategory.External,
        >= 500 => ErrorCategory.External,
        _ => ErrorCategory.Technical,
    };
}
