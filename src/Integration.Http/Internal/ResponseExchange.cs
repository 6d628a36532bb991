using System.Globalization;
using System.Net;

namespace Integration;

/// <summary>
/// One exchange whose response headers have come. Its line is written once, when the fate of the body is known:
/// read to its end (or left by the caller) — a line of the status's level; or cut short — an error saying after how
/// many bytes, External by default, since a partner that sends a status and then drops the body did not answer.
/// </summary>
internal sealed class ResponseExchange
{
    private readonly ExchangeRecorder _recorder;
    private readonly IExecutionContext _context;
    private readonly ExchangeDetails _exchange;
    private readonly HttpStatusCode _status;
    private readonly string _outcome;
    private readonly long _started;
    private readonly int _limit;
    private readonly bool _capture;
    private readonly string? _mediaType;
    private readonly long? _length;
    private byte[] _head = [];
    private int _headLength;
    private int _written;

    public ResponseExchange(ExchangeRecorder recorder, IExecutionContext context, ExchangeDetails exchange, HttpResponseMessage response, bool isError, long started, int limit, bool capture)
    {
        _recorder = recorder;
        _context = context;
        _status = response.StatusCode;
        _exchange = exchange with
        {
            StatusCode = (int)response.StatusCode,
            ResponseHeaders = HeaderLines.Format(response.Headers, response.Content.Headers),
        };
        _outcome = string.Create(CultureInfo.InvariantCulture, $"{exchange.Method} {exchange.Target} -> {(int)response.StatusCode} {response.ReasonPhrase}");
        IsError = isError;
        _started = started;
        _limit = limit;
        _capture = capture;
        _mediaType = response.Content.Headers.ContentType?.MediaType;
        _length = response.Content.Headers.ContentLength;
    }

    /// <summary>Gets a value indicating whether the status is an unsuccessful one the client did not list as expected.</summary>
    public bool IsError { get; }

    /// <summary>Keeps the first bytes of the body, read ahead to be shown.</summary>
    public void Head(byte[] head, int length) => (_head, _headLength) = (head, length);

    /// <summary>Writes the line now with a body the handler describes without following it (streamed, or not captured).</summary>
    public void Unfollowed(string? body) => Complete(() => Line(body, received: 0, failure: null, default));

    /// <summary>The body was read to its end.</summary>
    public void BodyEnded(long received) => Complete(() => Line(CapturedBody(received, ended: true), received, failure: null, default));

    /// <summary>The caller stopped reading (disposed the response) before the end: nothing went wrong on the wire.</summary>
    public void BodyLeft(long received) => Complete(() => Line(CapturedBody(received, ended: false), received, failure: null, default));

    /// <summary>Reading the body failed after <paramref name="received"/> bytes.</summary>
    public void BodyFailed(long received, Exception failure, CancellationToken cancellationToken)
        => Complete(() => Line(_capture ? BodyText.Aborted(_head.AsSpan(0, _headLength), _limit, received, _length, _mediaType) : null, received, failure, cancellationToken));

    private void Complete(Func<LogEntry> line)
    {
        if (Interlocked.Exchange(ref _written, 1) == 0)
        {
            _recorder.Write(_context, _exchange, line);
        }
    }

    private string? CapturedBody(long received, bool ended)
    {
        if (!_capture || (received == 0 && _headLength == 0))
        {
            return null;
        }

        if (!BodyText.IsText(_mediaType))
        {
            return BodyText.Describe("binary body", _mediaType, _length ?? (ended ? received : null));
        }

        var more = _headLength > _limit || received > _limit || _length > _limit;
        return BodyText.FromBytes(_head.AsSpan(0, _headLength), _limit, _length ?? (ended ? received : null), more, _mediaType);
    }

    private LogEntry Line(string? body, long received, Exception? failure, CancellationToken cancellationToken)
    {
        var duration = _recorder.Time.GetElapsedTime(_started);
        var elapsed = duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        var line = new LogEntry { Level = ExecutionLogLevel.Information, Message = $"{_outcome} in {elapsed} ms", Exchange = _exchange with { ResponseBody = body, Duration = duration } };
        if (failure is null)
        {
            return IsError ? line with { Level = ExecutionLogLevel.Error, Category = StatusCategory(line.Message) } : line;
        }

        var bytes = string.Create(CultureInfo.InvariantCulture, $"{received}{(_length is { } length ? $" of {length}" : string.Empty)} bytes of the body");
        var (message, category) = failure switch
        {
            OperationCanceledException when _context.CancellationToken.IsCancellationRequested
                => ($"{_outcome}, cancelled with the execution after {bytes}, in {elapsed} ms", (ErrorCategory?)null),
            OperationCanceledException when cancellationToken.IsCancellationRequested
                => Classified($"{_outcome}, timed out or cancelled after {bytes}, in {elapsed} ms", m => new TimeoutException(m, failure)),

            // The status came, the body did not: the partner's answer is incomplete.
            _ => Classified(
                $"{_outcome}, but the response was aborted after {bytes}, in {elapsed} ms: {failure.Message}",
                m => new HttpRequestException(failure is HttpIOException io ? io.HttpRequestError : HttpRequestError.ResponseEnded, m, failure)),
        };

        // An unsuccessful status stays an error of its own category, whatever became of its body.
        if (IsError)
        {
            category = StatusCategory(message);
        }

        return line with
        {
            Level = category is null ? ExecutionLogLevel.Warning : ExecutionLogLevel.Error,
            Category = category,
            Message = message,
            Exception = ExceptionSummary.From(failure),
        };
    }

    private (string Message, ErrorCategory? Category) Classified(string message, Func<string, Exception> exception)
        => (message, IsError ? null : _recorder.Classify(_context, exception(message)));

    private ErrorCategory StatusCategory(string message) => _recorder.Classify(_context, new HttpRequestException(message, null, _status));
}
