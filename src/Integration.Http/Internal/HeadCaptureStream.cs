namespace Integration;

/// <summary>A write-only stream that keeps the first bytes written to it and counts the rest.</summary>
internal sealed class HeadCaptureStream(int capacity) : Stream
{
    private readonly byte[] _head = new byte[capacity];

    public ReadOnlySpan<byte> Head => _head.AsSpan(0, (int)Math.Min(Written, capacity));

    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Written < capacity)
        {
            var kept = (int)Math.Min(buffer.Length, capacity - Written);
            buffer[..kept].CopyTo(_head.AsSpan((int)Written));
        }

        Written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
