using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// Wraps an endpoint's request delegate: runs each request as a real-time call and logs it as an inbound exchange.
/// Never changes what the client gets: if the daily execution cannot be reached, the request is served unrecorded.
/// </summary>
internal sealed class InboundCallRecorder(string interfaceId, RequestDelegate inner, InboundExchangeOptions options, InboundRecording host)
{
    private readonly int _bodyLimit = BodyText.BytesToRead(host.Capture.MaxPayloadLength);

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var operation = string.Concat(request.Method, " ", request.PathBase.ToUriComponent(), request.Path.ToUriComponent());
        var originalBody = request.Body;
        var served = false;
        try
        {
            var requestBody = options.CaptureRequestBody ? await RequestBodyAsync(http, http.RequestAborted).ConfigureAwait(false) : default;
            var callOptions = new RealTimeCallOptions
            {
                CorrelationId = InboundCorrelationId.For(http, host.Time),
                Direction = InterfaceDirection.Inbound,
                Services = http.RequestServices,
                LogsOutcome = true,
            };
            await host.Calls.CallAsync(
                interfaceId,
                operation,
                async (call, _) =>
                {
                    served = true;
                    var capture = CaptureResponse(http);
                    var started = host.Time.GetTimestamp();
                    try
                    {
                        await inner(http).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        Record(call, http, requestBody, capture, started, e);
                        throw;
                    }
                    finally
                    {
                        if (capture is not null)
                        {
                            http.Features.Set(capture.Inner);
                        }
                    }

                    Record(call, http, requestBody, capture, started, failure: null);
                },
                callOptions,
                http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (!served)
        {
            Log.InboundNotRecorded(host.Logger, e, operation, interfaceId);
            request.Body = originalBody;
            await inner(http).ConfigureAwait(false);
        }
        finally
        {
            request.Body = originalBody;
        }
    }

    private async ValueTask<(string? Described, RequestBodyCapture? Captured)> RequestBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var length = request.ContentLength;
        if (length == 0 || !HasBody(http))
        {
            return default;
        }

        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (!BodyText.IsText(mediaType))
        {
            return (BodyText.Describe("binary body", mediaType, length), null);
        }

        if (BodyText.IsStreamed(mediaType))
        {
            return (BodyText.Describe("streamed body, not recorded", mediaType, length), null);
        }

        // Read ahead no more than the cap; the endpoint then reads those bytes again, followed by the rest (or the failure met).
        var head = new byte[_bodyLimit + 1];
        var (read, failure) = await BodyText.FillAsync(request.Body, head, cancellationToken).ConfigureAwait(false);
        var captured = new RequestBodyCapture(head, read, _bodyLimit, request.Body, failure, length, mediaType);
        request.Body = captured;
        return (null, captured);
    }

    /// <summary>
    /// Whether the request carries a body: the server knows (an HTTP/2 or HTTP/3 request announces a body by not
    /// ending its stream with its headers, often with no Content-Length); else a length or chunked encoding says so.
    /// </summary>
    private static bool HasBody(HttpContext http)
    {
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection)
        {
            return detection.CanHaveBody;
        }

        return http.Request.ContentLength is > 0
            || http.Request.Headers.TransferEncoding.Any(v => v?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true);
    }

    private ResponseBodyCapture? CaptureResponse(HttpContext http)
    {
        if (!options.CaptureResponseBody || http.Features.Get<IHttpResponseBodyFeature>() is not { } body)
        {
            return null;
        }

        var capture = new ResponseBodyCapture(body, _bodyLimit + 1);
        http.Features.Set<IHttpResponseBodyFeature>(capture);
        return capture;
    }

    private static string? ResponseBody(HttpResponse response, ResponseBodyCapture? capture, int limit)
    {
        if (capture is null || (capture.Written == 0 && !capture.SentFile))
        {
            return null;
        }

        var mediaType = response.ContentType?.Split(';', 2)[0].Trim();
        var length = response.ContentLength ?? (capture.SentFile ? null : capture.Written);
        if (capture.SentFile)
        {
            return BodyText.Describe("file body", mediaType, length);
        }

        return BodyText.IsText(mediaType) && !BodyText.IsStreamed(mediaType)
            ? BodyText.FromBytes(capture.Head, limit, length, more: capture.Written > limit, mediaType)
            : BodyText.Describe(BodyText.IsStreamed(mediaType) ? "streamed body, not recorded" : "binary body", mediaType, length);
    }

    private void Record(IRealTimeCallContext call, HttpContext http, (string? Described, RequestBodyCapture? Captured) requestBody, ResponseBodyCapture? capture, long started, Exception? failure)
    {
        try
        {
            var elapsed = host.Time.GetElapsedTime(started);

            // An unhandled exception becomes a 500 for the client, unless the response had already started; a client
            // that went away gets no answer at all.
            var clientGone = failure is OperationCanceledException && http.RequestAborted.IsCancellationRequested;
            int? status = clientGone ? null
                : failure is null || http.Response.HasStarted ? http.Response.StatusCode : StatusCodes.Status500InternalServerError;
            var exchange = new ExchangeDetails
            {
                Direction = InterfaceDirection.Inbound,
                Method = http.Request.Method,
                Target = DisplayUrl(http.Request),
                StatusCode = status,
                Duration = elapsed,
                RequestHeaders = Headers(http.Request.Headers),
                RequestBody = requestBody.Captured?.Text() ?? requestBody.Described,
                ResponseHeaders = Headers(http.Response.Headers),
                ResponseBody = ResponseBody(http.Response, capture, _bodyLimit),
            };
            var milliseconds = elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            var line = (failure, status) switch
            {
                (null, { } code) => Outcome(call, code, milliseconds),
                (not null, { } code) => Failure(call, code, milliseconds, failure, http.Response.HasStarted),
                _ => new LogEntry { Level = ExecutionLogLevel.Warning, Message = $"{call.Operation} -> no answer, the client went away after {milliseconds} ms" },
            };
            call.Log.Write(line with { Exchange = exchange });
        }
        catch (Exception e)
        {
            Log.InboundNotRecorded(host.Logger, e, call.Operation, interfaceId);

            // The exchange line is the call's outcome (LogsOutcome): without it, the day would not show the call at all.
            call.Log.Write(new LogEntry { Level = ExecutionLogLevel.Warning, Message = $"{call.Operation}: answered, but its exchange could not be recorded ({e.GetType().Name})" });
        }
    }

    /// <summary>What <c>GetDisplayUrl()</c> gives (scheme, host, path base, path and query as they came), in one allocation.</summary>
    internal static string DisplayUrl(HttpRequest request)
        => string.Concat([request.Scheme, Uri.SchemeDelimiter, request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value]);

    private static LogEntry Outcome(IRealTimeCallContext call, int status, string milliseconds)
    {
        var (level, category) = status switch
        {
            400 or 415 or 422 => (ExecutionLogLevel.Error, ErrorCategory.Mapping),
            >= 500 => (ExecutionLogLevel.Error, ErrorCategory.Technical),
            >= 400 => (ExecutionLogLevel.Warning, (ErrorCategory?)null),
            _ => (ExecutionLogLevel.Information, (ErrorCategory?)null),
        };
        return new LogEntry { Level = level, Category = category, Message = $"{call.Operation} -> {status} in {milliseconds} ms" };
    }

    /// <summary>The endpoint threw: an error line of the category the classifier chain gives the exception.</summary>
    private LogEntry Failure(IRealTimeCallContext call, int status, string milliseconds, Exception failure, bool started)
    {
        var outcome = started ? $"{status}, response aborted" : status.ToString(CultureInfo.InvariantCulture);
        return new LogEntry
        {
            Level = ExecutionLogLevel.Error,
            Category = host.Classification.Classify(failure, new ErrorClassificationContext(call.Interface, call.Execution.Id)),
            Message = $"{call.Operation} -> {outcome} in {milliseconds} ms: unhandled {failure.GetType().Name}: {failure.Message}",
            Exception = ExceptionSummary.From(failure),
        };
    }

    private static string? Headers(IHeaderDictionary headers) => InboundHeaders.Format(headers);
}
