using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// Records each request and its answer in the current execution. Outside any execution it only passes the request on.
/// Whatever goes wrong while recording is logged to the host's log and never reaches the caller.
/// </summary>
internal sealed class ExchangeLoggingHandler(
    IExecutionContextAccessor accessor,
    IErrorClassification classification,
    ExchangeCaptureOptions capture,
    HttpExchangeLoggingOptions options,
    TimeProvider time,
    ILogger<ExchangeLoggingHandler> logger) : DelegatingHandler
{
    private readonly int _bodyLimit = BodyText.BytesToRead(capture.MaxPayloadLength);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.Current is not { } context)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var requestBody = options.CaptureRequestBody ? await RequestBodyAsync(request.Content, cancellationToken).ConfigureAwait(false) : null;
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RecordFailure(context, request, requestBody, e, started, cancellationToken);
            throw;
        }

        string? responseBody = null;
        if (options.CaptureResponseBody)
        {
            try
            {
                responseBody = await ResponseBodyAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                responseBody = $"[body not recorded: {e.GetType().Name}]";
            }
        }
        Record(context, request, requestBody, response, responseBody, started);
        return response;
    }

    private async ValueTask<string?> RequestBodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            var mediaType = content.Headers.ContentType?.MediaType;
            if (!BodyText.IsText(mediaType))
            {
                return BodyText.Describe("binary body", mediaType, content.Headers.ContentLength);
            }

            if (content is not (ByteArrayContent or ReadOnlyMemoryContent or JsonContent))
            {
                return BodyText.Describe("streamed body, not recorded", mediaType, content.Headers.ContentLength);
            }

            // In-memory content can be written twice: once here, keeping only the head, once to the wire.
            var capture = new HeadCaptureStream(_bodyLimit);
            await content.CopyToAsync(capture, cancellationToken).ConfigureAwait(false);
            return BodyText.FromBytes(capture.Head, _bodyLimit, capture.Written, more: capture.Written > _bodyLimit, mediaType);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"[body not recorded: {e.GetType().Name}]";
        }
    }

    private async ValueTask<string?> ResponseBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var content = response.Content;
        var length = content.Headers.ContentLength;
        var mediaType = content.Headers.ContentType?.MediaType;
        if (length == 0)
        {
            return null;
        }

        if (!BodyText.IsText(mediaType))
        {
            return BodyText.Describe("binary body", mediaType, length);
        }

        if (BodyText.IsStreamed(mediaType))
        {
            return BodyText.Describe("streamed body, not recorded", mediaType, length);
        }

        Stream stream;
        try
        {
            stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return $"[body not recorded: {e.GetType().Name}]";
        }

        // Read ahead no more than the cap; the caller then reads those bytes again, followed by the rest, still streamed.
        var head = new byte[_bodyLimit + 1];
        var read = 0;
        Exception? failure = null;
        try
        {
            read = await BodyText.FillAsync(stream, head, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        response.Content = new ReplayContent(content, head, read, stream, failure);
        if (failure is not null)
        {
            return $"[body not recorded: reading it failed ({failure.GetType().Name})]";
        }

        return BodyText.FromBytes(head.AsSpan(0, read), _bodyLimit, length, more: length is { } total ? total > _bodyLimit : read > _bodyLimit, mediaType);
    }

    private void Record(IExecutionContext context, HttpRequestMessage request, string? requestBody, HttpResponseMessage response, string? responseBody, long started)
    {
        try
        {
            var status = (int)response.StatusCode;
            var exchange = Exchange(request, requestBody, started) with
            {
                StatusCode = status,
                ResponseHeaders = HeaderLines.Format(response.Headers, response.Content.Headers),
                ResponseBody = responseBody,
            };
            var message = string.Create(CultureInfo.InvariantCulture, $"{exchange.Method} {exchange.Target} -> {status} {response.ReasonPhrase} in {exchange.Duration!.Value.TotalMilliseconds:0} ms");
            var isError = status >= 400 && !options.ExpectedStatusCodes.Contains(status);
            context.Log.Write(new LogEntry
            {
                Level = isError ? ExecutionLogLevel.Error : ExecutionLogLevel.Information,
                Category = isError ? Classify(context, new HttpRequestException(message, null, response.StatusCode)) : null,
                Message = message,
                Exchange = exchange,
                CorrelationId = CorrelationId(context),
            });
        }
        catch (Exception e)
        {
            NotRecorded(context, request, e);
        }
    }

    private void RecordFailure(IExecutionContext context, HttpRequestMessage request, string? requestBody, Exception failure, long started, CancellationToken cancellationToken)
    {
        try
        {
            var exchange = Exchange(request, requestBody, started);
            var elapsed = exchange.Duration!.Value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            LogEntry line;
            if (failure is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
            {
                line = new LogEntry { Level = ExecutionLogLevel.Warning, Message = $"{exchange.Method} {exchange.Target}: cancelled with the execution after {elapsed} ms" };
            }
            else if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                var message = $"{exchange.Method} {exchange.Target}: no answer, timed out or cancelled after {elapsed} ms";
                line = new LogEntry { Level = ExecutionLogLevel.Error, Category = Classify(context, new TimeoutException(message, failure)), Message = message };
            }
            else
            {
                line = new LogEntry { Level = ExecutionLogLevel.Error, Category = Classify(context, failure), Message = $"{exchange.Method} {exchange.Target}: failed after {elapsed} ms: {failure.Message}" };
            }

            context.Log.Write(line with { Exchange = exchange, CorrelationId = CorrelationId(context), Exception = ExceptionSummary.From(failure) });
        }
        catch (Exception e)
        {
            NotRecorded(context, request, e);
        }
    }

    private ExchangeDetails Exchange(HttpRequestMessage request, string? requestBody, long started) => new()
    {
        Direction = InterfaceDirection.Outbound,
        Method = request.Method.Method,
        Target = request.RequestUri?.ToString(),
        Duration = time.GetElapsedTime(started),
        RequestHeaders = HeaderLines.Format(request.Headers, request.Content?.Headers),
        RequestBody = requestBody,
    };

    private ErrorCategory Classify(IExecutionContext context, Exception exception)
        => classification.Classify(exception, new ErrorClassificationContext(context.Interface, context.Execution.Id));

    private string CorrelationId(IExecutionContext context)
        => context is IRealTimeCallContext call ? call.CorrelationId : Guid.CreateVersion7(time.GetUtcNow()).ToString("N", CultureInfo.InvariantCulture);

    private void NotRecorded(IExecutionContext context, HttpRequestMessage request, Exception e)
    {
        try
        {
            Log.ExchangeNotRecorded(logger, e, context.Execution.Id, request.Method.Method, request.RequestUri?.GetLeftPart(UriPartial.Path));
        }
        catch (Exception)
        {
            // The host's own logger failed too; the call must still go on unharmed.
        }
    }
}
