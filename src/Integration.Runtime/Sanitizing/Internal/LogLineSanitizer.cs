using System.Globalization;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// The last step before the store, and the one redaction point every line goes through: caps each text of a line,
/// masks secrets (<see cref="ExchangeRedactor"/>: header values not allow-listed, named fields in JSON, XML, pairs and
/// free text, URL user info, credentials, JWTs, the host's patterns) and escapes control characters. A line with
/// nothing to change is returned as is, without allocating.
/// </summary>
internal sealed class LogLineSanitizer(IOptions<ExchangeCaptureOptions> options)
{
    private const int MaxCorrelationIdLength = 256;
    private readonly ExchangeCaptureOptions _options = options.Value;
    private readonly ExchangeRedactor _redactor = new(options.Value);

    public int MaxLinesPerExecution => _options.MaxLinesPerExecution;

    public int MaxLinesPerDailyExecution => _options.MaxLinesPerDailyExecution;

    public int MaxPayloadLength => _options.MaxPayloadLength;

    public ExchangeRedactor Redactor => _redactor;

    /// <summary>Cuts a text longer than <paramref name="max"/> characters; what is kept starts with a marker giving the original length.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var marker = Marker(max, text.Length, "chars");
        var keep = Math.Max(0, max - marker.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(Marker(keep, text.Length, "chars"), text.AsSpan(0, keep));
    }

    /// <summary>The marker that starts a cut text: placed first, so that masking what follows can never hide it.</summary>
    public static string Marker(long kept, long original, string unit)
        => string.Create(CultureInfo.InvariantCulture, $"[truncated: first {kept} of {original} {unit}] ");

    public LogEntry Sanitize(LogEntry entry)
    {
        var message = SingleLine(entry.Message);
        var correlationId = entry.CorrelationId is { } id ? ControlCharacters.EscapeSingleLine(Truncate(id, MaxCorrelationIdLength)) : null;
        var exchange = entry.Exchange is { } details ? Sanitize(details) : null;
        var exception = entry.Exception is { } summary ? Sanitize(summary) : null;
        if (ReferenceEquals(message, entry.Message) && ReferenceEquals(correlationId, entry.CorrelationId)
            && ReferenceEquals(exchange, entry.Exchange) && ReferenceEquals(exception, entry.Exception))
        {
            return entry;
        }

        return entry with { Message = message, CorrelationId = correlationId, Exchange = exchange, Exception = exception };
    }

    private ExchangeDetails Sanitize(ExchangeDetails details)
    {
        var method = details.Method is { } m ? ControlCharacters.EscapeSingleLine(Truncate(m, 256)) : null;
        var target = details.Target is { } t ? ControlCharacters.EscapeSingleLine(_redactor.Redact(Truncate(t, _options.MaxPayloadLength))) : null;
        var requestHeaders = Headers(details.RequestHeaders);
        var responseHeaders = Headers(details.ResponseHeaders);
        var requestBody = Body(details.RequestBody);
        var responseBody = Body(details.ResponseBody);
        if (ReferenceEquals(method, details.Method) && ReferenceEquals(target, details.Target)
            && ReferenceEquals(requestHeaders, details.RequestHeaders) && ReferenceEquals(responseHeaders, details.ResponseHeaders)
            && ReferenceEquals(requestBody, details.RequestBody) && ReferenceEquals(responseBody, details.ResponseBody))
        {
            return details;
        }

        return details with
        {
            Method = method,
            Target = target,
            RequestHeaders = requestHeaders,
            ResponseHeaders = responseHeaders,
            RequestBody = requestBody,
            ResponseBody = responseBody,
        };
    }

    private ExceptionSummary Sanitize(ExceptionSummary summary)
    {
        var type = ControlCharacters.EscapeSingleLine(Truncate(summary.Type, 1024));
        var message = SingleLine(summary.Message);
        var stackTrace = summary.StackTrace is { } s ? ControlCharacters.EscapeMultiLine(Truncate(s, _options.MaxPayloadLength)) : null;
        return ReferenceEquals(type, summary.Type) && ReferenceEquals(message, summary.Message) && ReferenceEquals(stackTrace, summary.StackTrace)
            ? summary
            : new ExceptionSummary(type, message, stackTrace);
    }

    private string SingleLine(string text) => ControlCharacters.EscapeSingleLine(Redact(Truncate(text, _options.MaxPayloadLength)));

    private string? Body(string? body) => body is null ? null : ControlCharacters.EscapeMultiLine(Redact(Truncate(body, _options.MaxPayloadLength)));

    /// <summary>A header block is masked line by line: a marker of a cut block is kept apart, so that it is not read as a header line and masked.</summary>
    private string? Headers(string? lines)
    {
        if (lines is null)
        {
            return null;
        }

        var cut = Truncate(lines, _options.MaxPayloadLength);
        if (ReferenceEquals(cut, lines))
        {
            return _redactor.RedactHeaders(ControlCharacters.EscapeHeaderLines(lines));
        }

        var marker = cut.IndexOf("] ", StringComparison.Ordinal) + 2;
        return string.Concat(cut.AsSpan(0, marker), _redactor.RedactHeaders(ControlCharacters.EscapeHeaderLines(cut[marker..])));
    }

    private string Redact(string text) => _redactor.Redact(text);
}
