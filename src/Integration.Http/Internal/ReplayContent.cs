using System.Net;

namespace Integration;

/// <summary>
/// Stands in for a response's content once the handler has read its first bytes to log them: gives the caller the
/// whole body (the bytes read, then the rest, still streamed) with the original headers. With a follower, it also
/// tells the exchange how the body ended, so that its line can say so.
/// </summary>
internal sealed class ReplayContent : HttpContent
{
    private readonly HttpContent _original;
    private readonly Stream _stream;
    private bool _handedOut;

    public ReplayContent(HttpContent original, byte[] head, int headLength, Stream rest, Exception? failure, ResponseExchange? follower)
    {
        _original = original;
        var replay = new ReplayStream(head, headLength, rest, failure, original);
        _stream = follower is null ? replay : new ObservedBodyStream(replay, headLength, follower);
        foreach (var (name, values) in original.Headers)
        {
            Headers.TryAddWithoutValidation(name, values);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await TakeStream().CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(TakeStream());

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(TakeStream());

    protected override bool TryComputeLength(out long length)
    {
        length = _original.Headers.ContentLength ?? 0;
        return _original.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private Stream TakeStream()
    {
        // The body can be read once, like the network stream it replays.
        if (_handedOut)
        {
            throw new InvalidOperationException("The response body was already read.");
        }

        _handedOut = true;
        return _stream;
    }
}
