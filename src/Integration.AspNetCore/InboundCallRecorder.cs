using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// Wraps an endpoint's request delegate: runs each request as a real-time call and logs it as an inbound exchange.
/// Never changes what the client gets: if the daily execution cannot be reached, the request is served unrecorded.
/// </summary>
internal sealed class InboundCallRecorder(
    string interfaceId,
    RequestDelegate inner,
    IRealTimeCalls calls,
    ExchangeCaptureOptions capture,
    InboundExchangeOptions options,
    TimeProvider time,
    ILogger<InboundCallRecorder> logger)
{
    private readonly int _bodyLimit = BodyText.BytesToRead(capture.MaxPayloadLength);

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var operation = $"{request.Method} {request.PathBase}{request.Path}";
        var originalBody = request.Body;
        var served = false;
        try
        {
            var requestBody = options.CaptureRequestBody ? await RequestBodyAsync(request, http.RequestAborted).ConfigureAwait(false) : null;
            var callOptions = new RealTimeCallOptions
            {
                CorrelationId = Activity.Current is { } activity ? activity.TraceId.ToHexString() : http.TraceIdentifier,
                Direction = InterfaceDirection.Inbound,
                Services = http.RequestServices,
            };
            await calls.CallAsync(
                interfaceId,
                operation,
                async (call, _) =>
                {
                    served = true;
                    var capture = CaptureResponse(http);
                    var started = time.GetTimestamp();
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
            Log.InboundNotRecorded(logger, e, operation, interfaceId);
            request.Body = originalBody;
            await inner(http).ConfigureAwait(false);
        }
        finally
        {
            request.Body = originalBody;
        }
    }

    private async ValueTask<string?> RequestBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var length = request.ContentLength;
        if (length == 0 || (length is null && !request.Headers.TransferEncoding.Any(v => v?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)))
        {
            return null;
        }

        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (!BodyText.IsText(mediaType))
        {
            return BodyText.Describe("binary body", mediaType, length);
        }

        if (BodyText.IsStreamed(mediaType))
        {
            return BodyText.Describe("streamed body, not recorded", mediaType, length);
        }

        // Read ahead no more than the cap; the endpoint then reads those bytes again, followed by the rest.
        var head = new byte[_bodyLimit + 1];
        var read = 0;
        Exception? failure = null;
        try
        {
            read = await BodyText.FillAsync(request.Body, head, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        request.Body = new ReplayStream(head, read, request.Body, failure);
        return failure is not null
            ? $"[body not recorded: reading it failed ({failure.GetType().Name})]"
            : BodyText.FromBytes(head.AsSpan(0, read), _bodyLimit, length, more: length is { } total ? total > _bodyLimit : read > _bodyLimit, mediaType);
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

    private void Record(IRealTimeCallContext call, HttpContext http, string? requestBody, ResponseBodyCapture? capture, long started, Exception? failure)
    {
        try
        {
            var elapsed = time.GetElapsedTime(started);
            var status = failure is null ? http.Response.StatusCode : (int?)null;
            var exchange = new ExchangeDetails
            {
                Direction = InterfaceDirection.Inbound,
                Method = http.Request.Method,
                Target = http.Request.GetDisplayUrl(),
                StatusCode = status,
                Duration = elapsed,
                RequestHeaders = Headers(http.Request.Headers),
                RequestBody = requestBody,
                ResponseHeaders = Headers(http.Response.Headers),
                ResponseBody = ResponseBody(http.Response, capture, _bodyLimit),
            };
            var outcome = status is { } code ? code.ToString(CultureInfo.InvariantCulture) : "unhandled exception";
            var message = string.Create(CultureInfo.InvariantCulture, $"{call.Operation} -> {outcome} in {elapsed.TotalMilliseconds:0} ms");
            var (level, category) = status switch
            {
                400 or 415 or 422 => (ExecutionLogLevel.Error, ErrorCategory.Mapping),
                >= 500 => (ExecutionLogLevel.Error, ErrorCategory.Technical),
                >= 400 => (ExecutionLogLevel.Warning, (ErrorCategory?)null),
                _ => (ExecutionLogLevel.Information, (ErrorCategory?)null),
            };
            call.Log.Write(new LogEntry { Level = level, Category = category, Message = message, Exchange = exchange });
        }
        catch (Exception e)
        {
            Log.InboundNotRecorded(logger, e, call.Operation, interfaceId);
        }
    }

    private static string? Headers(IHeaderDictionary headers)
    {
        StringBuilder? lines = null;
        foreach (var (name, values) in headers)
        {
            HeaderLines.AppendLine(ref lines, name, values.ToString());
        }

        return lines?.ToString();
    }
}
