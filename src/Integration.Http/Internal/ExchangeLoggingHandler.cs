using System.Globalization;
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
    private readonly ExchangeRecorder _recorder = new(classification, time, logger);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.Current is not { } context)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var requestBody = options.CaptureRequestBody ? await RequestBodyAsync(request.Content, cancellationToken).ConfigureAwait(false) : null;
        var exchange = _recorder.Exchange(request, requestBody);
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _recorder.Write(context, exchange with { Duration = time.GetElapsedTime(started) }, () => FailureLine(context, exchange, e, started, cancellationToken));
            throw;
        }

        var status = (int)response.StatusCode;
        var answered = new ResponseExchange(_recorder, context, exchange, response, isError: status >= 400 && !options.ExpectedStatusCodes.Contains(status), started, _bodyLimit, options.CaptureResponseBody);
        await FollowBodyAsync(answered, response, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Reads ahead at most the cap of a text body, then writes the line at once when the body's fate is known (it
    /// ended, it failed, or the status is already an error); otherwise when the caller has read the body to its end,
    /// met a failure in it, or disposed of it. The caller gets the whole body either way, still streamed.
    /// </summary>
    private async ValueTask FollowBodyAsync(ResponseExchange exchange, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var content = response.Content;
        var mediaType = content.Headers.ContentType?.MediaType;
        var length = content.Headers.ContentLength;
        if (length == 0)
        {
            exchange.BodyEnded(0);
            return;
        }

        // A stream of messages may last for hours: its line cannot wait for its end.
        if (BodyText.IsStreamed(mediaType))
        {
            exchange.Unfollowed(options.CaptureResponseBody ? BodyText.Describe("streamed body, not recorded", mediaType, length) : null);
            return;
        }

        var readAhead = options.CaptureResponseBody && BodyText.IsText(mediaType);
        if (exchange.IsError && !readAhead)
        {
            exchange.Unfollowed(options.CaptureResponseBody ? BodyText.Describe("binary body", mediaType, length) : null);
            return;
        }

        Stream stream;
        try
        {
            stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            exchange.BodyFailed(0, e, cancellationToken);
            return;
        }

        // Read ahead no more than the cap; the caller then reads those bytes again, followed by the rest.
        byte[] head = [];
        var (read, failure) = (0, (Exception?)null);
        if (readAhead)
        {
            head = new byte[_bodyLimit + 1];
            (read, failure) = await BodyText.FillAsync(stream, head, cancellationToken).ConfigureAwait(false);
            exchange.Head(head, read);
        }

        var ended = readAhead && failure is null && read <= _bodyLimit;
        if (failure is null && !ended && !exchange.IsError)
        {
            response.Content = new ReplayContent(content, head, read, stream, failure: null, exchange);
            return;
        }

        response.Content = new ReplayContent(content, head, read, stream, failure, follower: null);
        if (failure is not null)
        {
            exchange.BodyFailed(read, failure, cancellationToken);
        }
        else if (ended)
        {
            exchange.BodyEnded(read);
        }
        else
        {
            exchange.BodyLeft(read);
        }
    }

    private LogEntry FailureLine(IExecutionContext context, ExchangeDetails exchange, Exception failure, long started, CancellationToken cancellationToken)
    {
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        LogEntry line;
        if (failure is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            line = new LogEntry { Level = ExecutionLogLevel.Warning, Message = $"{exchange.Method} {exchange.Target}: cancelled with the execution after {elapsed} ms" };
        }
        else if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            var message = $"{exchange.Method} {exchange.Target}: no answer, timed out or cancelled after {elapsed} ms";
            line = new LogEntry { Level = ExecutionLogLevel.Error, Category = _recorder.Classify(context, new TimeoutException(message, failure)), Message = message };
        }
        else
        {
            line = new LogEntry { Level = ExecutionLogLevel.Error, Category = _recorder.Classify(context, failure), Message = $"{exchange.Method} {exchange.Target}: failed after {elapsed} ms: {failure.Message}" };
        }

        return line with { Exception = ExceptionSummary.From(failure) };
    }
}
