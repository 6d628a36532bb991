using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// The built-in rules, asked after the host's classifiers:
/// the typed exceptions (<see cref="IntegrationException"/>) give their own category;
/// network failures, a response cut short (<see cref="HttpIOException"/>), timeouts and HTTP 5xx/408/429 are External;
/// HTTP 401/403/407 (credentials) and 404/410 (an address or resource that does not exist) are Configuration;
/// HTTP 400/422 are Mapping (the partner rejected our data); JSON, format, cast and overflow failures are Mapping;
/// options validation failures and missing settings are Configuration; anything else is Technical.
/// docs/concepts.md ("What an HTTP status means by default") gives the reasons.
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
        HttpIOException => ErrorCategory.External,
        TimeoutException => ErrorCategory.External,
        TaskCanceledException { InnerException: TimeoutException } => ErrorCategory.External,
        JsonException or FormatException or InvalidCastException or OverflowException => ErrorCategory.Mapping,
        OptionsValidationException => ErrorCategory.Configuration,
        IOException { InnerException: SocketException } => ErrorCategory.External,
        _ => null,
    };

    /// <summary>The category of an unsuccessful HTTP status a partner answered.</summary>
    public static ErrorCategory FromStatus(HttpStatusCode status) => (int)status switch
    {
        // Our credentials (401, 407 for a proxy) or our rights (403) are wrong: a setting of ours to check.
        401 or 403 or 407 => ErrorCategory.Configuration,

        // No such address or resource: most often a wrong base URL, path, version or id in our settings, or a
        // resource the partner removed (410 says so) — either way our configuration must follow.
        404 or 410 => ErrorCategory.Configuration,
        400 or 422 => ErrorCategory.Mapping,
        408 or 429 => ErrorCategory.External,
        >= 500 => ErrorCategory.External,
        _ => ErrorCategory.Technical,
    };
}
