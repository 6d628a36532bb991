using System.Runtime.CompilerServices;

namespace Integration.Storage.InMemory.Tests;

public sealed class LogBufferTests
{
    /// <summary>The runtime's large object heap threshold: arrays of this size or more are allocated there.</summary>
    private const int LargeObjectThreshold = 85_000;

    [Fact]
    public void AChunk_StaysUnderTheLargeObjectHeapThreshold()
    {
        var bytes = (long)LogBuffer.ChunkSize * Unsafe.SizeOf<LogEntry>();

        Assert.True(bytes < LargeObjectThreshold, $"A chunk of {LogBuffer.ChunkSize} lines is {bytes} bytes.");
    }

    [Fact]
    public void AChunksLines_AreNotAllocatedOnTheLargeObjectHeap()
    {
        var lines = new LogEntry[LogBuffer.ChunkSize];

        // An array on the large object heap is reported in generation 2 from its allocation.
        Assert.Equal(0, GC.GetGeneration(lines));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(LogBuffer.ChunkSize - 1)]
    [InlineData(LogBuffer.ChunkSize)]
    [InlineData(LogBuffer.ChunkSize + 1)]
    [InlineData((LogBuffer.ChunkSize * 5) + 3)]
    public void Lines_AcrossChunkBoundaries_AreReadInOrder(int count)
    {
        var buffer = new LogBuffer();
        for (var i = 1; i <= count; i++)
        {
            Assert.Equal(i, buffer.Append(new LogEntry { Level = ExecutionLogLevel.Information, Message = $"line {i}" }));
        }

        var all = buffer.Read(0, int.MaxValue, ExecutionLogLevel.Debug);
        var fromLastOfFirstChunk = buffer.Read(LogBuffer.ChunkSize - 1, 2, ExecutionLogLevel.Debug);

        Assert.Equal(count, buffer.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), all.Select(l => l.Sequence));
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"line {i}"), all.Select(l => l.Message));
        Assert.Equal(
            Enumerable.Range(LogBuffer.ChunkSize, 2).Where(s => s <= count).Select(s => (long)s),
            fromLastOfFirstChunk.Select(l => l.Sequence));
    }
}
