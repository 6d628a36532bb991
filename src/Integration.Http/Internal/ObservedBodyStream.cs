namespace Integration;

/// <summary>
/// The response body as the caller reads it, counted: tells the exchange once how its body ended — read to its end,
/// failed (the partner aborted it, or the read was cancelled), or given up by the caller (disposed before its end).
/// </summary>
internal sealed class ObservedBodyStream(Stream inner, long alreadyReceived, ResponseExchange exchange) : Stream
{
    // The bytes the caller reads again first were already received by the handler's read-ahead.
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = inner.Read(buffer);
        }
        catch (Exception e)
        {
            exchange.BodyFailed(Received, e, CancellationToken.None);
            throw;
        }

        return Advance(read, buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            exchange.BodyFailed(Received, e, cancellationToken);
            throw;
        }

        return Advance(read, buffer.Length);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            exchange.BodyLeft(Received);
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private long Received => Math.Max(_position, alreadyReceived);

    private int Advance(int read, int requested)
    {
        _position += read;
        if (read == 0 && requested > 0)
        {
            exchange.BodyEnded(Received);
        }

        return read;
    }
}
