using System.Runtime.ExceptionServices;

namespace Integration;

/// <summary>
/// A read-only stream that gives back the bytes already read from a body (to log them) and then the rest of the
/// body. A failure met while reading ahead is thrown where the reader would have met it: after the bytes read.
/// </summary>
internal sealed class ReplayStream(byte[] head, int headLength, Stream rest, Exception? failure, IDisposable? owner = null) : Stream
{
    private int _position;

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
        if (TryReadHead(buffer, out var read))
        {
            return read;
        }

        return rest.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => TryReadHead(buffer.Span, out var read) ? new(read) : rest.ReadAsync(buffer, cancellationToken);

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
            rest.Dispose();
            owner?.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool TryReadHead(Span<byte> buffer, out int read)
    {
        if (_position < headLength)
        {
            read = Math.Min(buffer.Length, headLength - _position);
            head.AsSpan(_position, read).CopyTo(buffer);
            _position += read;
            return true;
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        read = 0;
        return buffer.IsEmpty;
    }
}
