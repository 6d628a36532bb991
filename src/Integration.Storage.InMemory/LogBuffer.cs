namespace Integration.Storage.InMemory;

/// <summary>
/// One execution's log: an append-only list of lines in chunks, written by many threads without a lock.
/// A writer takes the next sequence with one interlocked increment, fills its slot, then publishes it;
/// a reader waits for a slot below the count that is still being filled.
/// </summary>
internal sealed class LogBuffer
{
    /// <summary>
    /// The lines of one chunk: 512 <see cref="LogEntry"/> values (88 bytes each) stay under the 85,000-byte threshold of
    /// the large object heap, which chunks of 1,024 crossed: each one was then zeroed there and counted toward a gen-2
    /// collection.
    /// </summary>
    public const int ChunkSize = 1 << ChunkShift;

    private const int ChunkShift = 9;
    private const int ChunkMask = ChunkSize - 1;

    private readonly Lock _growGate = new();
    private Chunk?[] _chunks = new Chunk?[4];
    private long _count;

    public long Count => Volatile.Read(ref _count);

    public long Append(in LogEntry entry)
    {
        var sequence = Interlocked.Increment(ref _count);
        var index = sequence - 1;
        var chunk = ChunkAt(index >> ChunkShift);
        var slot = (int)(index & ChunkMask);
        chunk.Lines[slot] = entry with { Sequence = sequence };
        Volatile.Write(ref chunk.Published[slot], true);
        return sequence;
    }

    /// <summary>Reads lines after <paramref name="afterSequence"/>, in order, at <paramref name="minLevel"/> or above, up to <paramref name="limit"/>.</summary>
    public List<LogEntry> Read(long afterSequence, int limit, ExecutionLogLevel minLevel)
    {
        var result = new List<LogEntry>(Math.Min(limit, 256));
        var count = Count;
        for (var index = afterSequence; index < count && result.Count < limit; index++)
        {
            var chunk = ChunkAt(index >> ChunkShift);
            var slot = (int)(index & ChunkMask);
            if (!Volatile.Read(ref chunk.Published[slot]))
            {
                var wait = default(SpinWait);
                while (!Volatile.Read(ref chunk.Published[slot]))
                {
                    wait.SpinOnce();
                }
            }

            ref readonly var line = ref chunk.Lines[slot];
            if (line.Level >= minLevel)
            {
                result.Add(line);
            }
        }

        return result;
    }

    private Chunk ChunkAt(long chunkIndex)
    {
        var chunks = Volatile.Read(ref _chunks);
        if (chunkIndex < chunks.Length && chunks[chunkIndex] is { } chunk)
        {
            return chunk;
        }

        return AddChunk(chunkIndex);
    }

    private Chunk AddChunk(long chunkIndex)
    {
        lock (_growGate)
        {
            var chunks = _chunks;
            if (chunkIndex >= chunks.Length)
            {
                var grown = new Chunk?[Math.Max(chunks.Length * 2, (int)chunkIndex + 1)];
                Array.Copy(chunks, grown, chunks.Length);
                chunks = grown;
            }

            var chunk = chunks[chunkIndex] ??= new Chunk();
            Volatile.Write(ref _chunks, chunks);
            return chunk;
        }
    }

    private sealed class Chunk
    {
        public readonly LogEntry[] Lines = new LogEntry[ChunkSize];
        public readonly bool[] Published = new bool[ChunkSize];
    }
}
