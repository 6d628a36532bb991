using System.Threading.Channels;

namespace Integration.Storage;

/// <summary>
/// The bounded queue between appenders and a SQL store's log writer. An append enqueues at once while there is room,
/// so one caller's appends keep the order of its calls; when the queue is full, the append's task first waits for
/// room (first come, first served: blocked appends are admitted before any later one), then for the line's commit.
/// So memory stays bounded by the capacity plus one line per waiting caller. Compiled into each SQL store package.
/// </summary>
internal sealed class LogQueue
{
    /// <summary>The default capacity: how many lines may wait for the writer.</summary>
    public const int DefaultCapacity = 16_384;

    private readonly Channel<PendingLine> _channel;
    private readonly string _store;
    private int _peak;

    public LogQueue(int capacity, string store)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _store = store;
        _channel = Channel.CreateBounded<PendingLine>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Gets how many lines may wait for the writer.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many lines wait for the writer now (not counting appends waiting for room).</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Gets the most lines that have waited for the writer at once.</summary>
    public int PeakCount => Volatile.Read(ref _peak);

    public Task<long> AppendAsync(ExecutionId executionId, in LogEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingLine(executionId, entry);
        if (_channel.Writer.TryWrite(pending))
        {
            return pending.Done.Task;
        }

        // Full (or closed): the channel queues this writer now, behind those already waiting, before this call returns.
        return WaitForRoomAsync(_channel.Writer.WriteAsync(pending, cancellationToken), pending);
    }

    /// <summary>Stops taking lines; the appends waiting for room fail.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Waits until a line is queued; false once the queue is completed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync() => _channel.Reader.WaitToReadAsync();

    /// <summary>Moves up to <paramref name="max"/> queued lines into <paramref name="batch"/>.</summary>
    public void TakeBatch(List<PendingLine> batch, int max)
    {
        while (batch.Count < max)
        {
            // Only reads lower the count, so its peaks are seen just before a read. One reader: a plain write is enough.
            var queued = _channel.Reader.Count;
            if (queued > _peak)
            {
                Volatile.Write(ref _peak, queued);
            }

            if (!_channel.Reader.TryRead(out var pending))
            {
                return;
            }

            batch.Add(pending);
        }
    }

    private async Task<long> WaitForRoomAsync(ValueTask write, PendingLine pending)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException($"{_store} execution store: the store was disposed.", e);
        }

        return await pending.Done.Task.ConfigureAwait(false);
    }
}
