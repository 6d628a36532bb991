using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Integration;

/// <summary>Delivers each notification as one signed CloudEvent POSTed to the configured endpoint, retried by <see cref="WebhookPipeline"/>.</summary>
internal sealed class WebhookNotifier : IExecutionNotifier
{
    private readonly IHttpClientFactory _clients;
    private readonly Uri _endpoint;
    private readonly string _safeEndpoint;
    private readonly string _secret;
    private readonly string _signatureHeader;
    private readonly Uri _source;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;

    public WebhookNotifier(IHttpClientFactory clients, IOptions<WebhookNotifierOptions> options, TimeProvider timeProvider, ILogger<WebhookNotifier> logger)
    {
        var settings = options.Value;
        _clients = clients;
        _endpoint = settings.Endpoint ?? throw new InvalidOperationException($"{nameof(WebhookNotifierOptions)}.{nameof(WebhookNotifierOptions.Endpoint)} is required.");
        _safeEndpoint = _endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        _secret = settings.Secret ?? throw new InvalidOperationException($"{nameof(WebhookNotifierOptions)}.{nameof(WebhookNotifierOptions.Secret)} is required.");
        _signatureHeader = settings.SignatureHeader;
        _source = new Uri(settings.Source, UriKind.RelativeOrAbsolute);
        _logger = logger;
        _pipeline = WebhookPipeline.Create(settings, timeProvider, _safeEndpoint, logger);
    }

    public async Task NotifyAsync(ExecutionNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var (body, contentType) = WebhookEvent.Encode(notification, _source);
        var delivery = new WebhookDelivery(notification.Id, body, contentType.MediaType!, contentType.CharSet, WebhookSignature.Compute(_secret, body.Span));

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WebhookPipeline.Delivery, delivery);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(static (context, state) => state.Notifier.SendAsync(state.Delivery, context.CancellationToken), context, (Notifier: this, Delivery: delivery)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Failure(delivery, WebhookPipeline.Describe(Outcome.FromException<HttpResponseMessage>(exception)), exception, (exception as HttpRequestException)?.StatusCode);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(delivery, WebhookPipeline.Describe(response.StatusCode), null, response.StatusCode);
            }

            Log.Delivered(_logger, delivery.NotificationId, WebhookEventTypes.For(notification.Kind), _safeEndpoint, (int)response.StatusCode, delivery.Attempts);
        }
    }

    private async ValueTask<HttpResponseMessage> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        delivery.Attempts++;
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ReadOnlyMemoryContent(delivery.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(delivery.MediaType, delivery.CharSet);
        request.Headers.TryAddWithoutValidation(_signatureHeader, delivery.Signature);
        var client = _clients.CreateClient(WebhookNotifierBuilderExtensions.HttpClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestException Failure(WebhookDelivery delivery, string outcome, Exception? inner, System.Net.HttpStatusCode? status)
    {
        Log.Failed(_logger, delivery.NotificationId, _safeEndpoint, delivery.Attempts, outcome);
        return new HttpRequestException(
            $"The webhook {_safeEndpoint} did not take notification {delivery.NotificationId} after {delivery.Attempts} attempt(s): the last attempt {outcome}.",
            inner,
            status);
    }
}
