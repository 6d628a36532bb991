namespace Integration;

/// <summary>
/// The request body as the endpoint reads it: the bytes read ahead for the log, then the rest, counted, so that a
/// body that announced no length (chunked, or HTTP/2 and HTTP/3 without Content-Length) and was longer than the cap
/// still gets its original length in the truncation marker once the endpoint has read it to its end.
/// </summary>
internal sealed class RequestBodyCapture(byte[] head, int headLength, int limit, Stream rest, Exception? failure, long? declaredLength, string? mediaType) : Stream
{
    private readonly ReplayStream _replay = new(head, headLength, rest, failure);
    private long _read;
    private long? _endedAt;

    /// <summary>The text the log keeps: what was read ahead, with the body's length if it is known by now.</summary>
    public string Text()
    {
        var kept = head.AsSpan(0, headLength);
        if (failure is not null)
        {
            return BodyText.Aborted(kept, limit, headLength, declaredLength, mediaType);
        }

        var more = declaredLength is { } declared ? declared > limit : headLength > limit;
        return BodyText.FromBytes(kept, limit, declaredLength ?? _endedAt ?? (more ? null : headLength), more, mediaType);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_replay.Read(buffer.AsSpan(offset, count)), count);

    public override int Read(Span<byte> buffer) => Count(_replay.Read(buffer), buffer.Length);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Count(await _replay.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read, int requested)
    {
        _read += read;
        if (read == 0 && requested > 0)
        {
            _endedAt = _read;
        }

        return read;
    }
}
