using System.Text;

namespace Integration.Shared.Tests;

/// <summary>
/// <see cref="ReplayStream"/>: the bytes read ahead come back first, then the rest of the body; a failure met while
/// reading ahead is thrown after the bytes read, where the reader would have met it.
/// </summary>
public sealed class ReplayStreamFacts
{
    public static TheoryData<string, int, string, int, string> Reads => new()
    {
        // head, head length kept, rest, reader's buffer size, what the reader gets (chunks separated by '|').
        { "hello", 5, " world", 64, "hello| world" },
        { "hello", 5, " world", 2, "he|ll|o| w|or|ld" },
        { "hello", 3, "lo", 64, "hel|lo" },
        { "hello", 0, "rest", 64, "rest" },
        { "", 0, "", 64, "" },
        { "only head", 9, "", 4, "only| hea|d" },
        { "ab", 2, "cd", 1, "a|b|c|d" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void TheHeadComesBackFirst_ThenTheRest(string head, int headLength, string rest, int bufferSize, string chunks)
    {
        using var stream = new ReplayStream(Encoding.ASCII.GetBytes(head), headLength, new MemoryStream(Encoding.ASCII.GetBytes(rest)), failure: null);

        Assert.Equal(chunks, string.Join('|', ReadChunks(stream, bufferSize)));
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task TheHeadComesBackFirst_ThenTheRest_Async(string head, int headLength, string rest, int bufferSize, string chunks)
    {
        await using var stream = new ReplayStream(Encoding.ASCII.GetBytes(head), headLength, new MemoryStream(Encoding.ASCII.GetBytes(rest)), failure: null);
        var read = new List<string>();
        var buffer = new byte[bufferSize];
        for (int n; (n = await stream.ReadAsync(buffer)) > 0;)
        {
            read.Add(Encoding.ASCII.GetString(buffer, 0, n));
        }

        Assert.Equal(chunks, string.Join('|', read));
    }

    [Theory]
    [InlineData(64, "partial")]
    [InlineData(3, "par|tia|l")]
    public void AFailureMetWhileReadingAhead_IsThrownAfterTheBytesRead_AndAgainOnEveryRead(int bufferSize, string chunks)
    {
        var failure = new IOException("connection reset");
        using var stream = new ReplayStream(Encoding.ASCII.GetBytes("partial"), 7, new MemoryStream([1, 2, 3]), failure);
        var buffer = new byte[bufferSize];
        var read = new List<string>();
        for (var i = 0; i < chunks.Split('|').Length; i++)
        {
            var n = stream.Read(buffer, 0, buffer.Length);
            read.Add(Encoding.ASCII.GetString(buffer, 0, n));
        }

        Assert.Equal(chunks, string.Join('|', read));
        Assert.Same(failure, Assert.Throws<IOException>(() => stream.Read(buffer, 0, buffer.Length)));
        Assert.Same(failure, Assert.Throws<IOException>(() => stream.Read(buffer, 0, buffer.Length)));
    }

    [Fact]
    public async Task AFailure_IsThrownAsyncToo_WithItsOriginalStackTrace()
    {
        var failure = Thrown();
        await using var stream = new ReplayStream([], 0, new MemoryStream(), failure);

        var thrown = await Assert.ThrowsAsync<IOException>(async () => _ = await stream.ReadAsync(new byte[8]));

        Assert.Same(failure, thrown);
        Assert.Contains(nameof(Thrown), thrown.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyBuffer_ReadsZeroBytes_WithoutConsumingTheHead()
    {
        using var stream = new ReplayStream("ab"u8.ToArray(), 2, new MemoryStream(), failure: null);

        Assert.Equal(0, stream.Read([]));
        Assert.Equal("ab", string.Join('|', ReadChunks(stream, 8)));
    }

    [Fact]
    public void TheStream_IsReadOnly_AndNotSeekable()
    {
        using var stream = new ReplayStream([], 0, new MemoryStream(), failure: null);

        Assert.Equal((true, false, false), (stream.CanRead, stream.CanSeek, stream.CanWrite));
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Position);
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(0));
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
        stream.Flush();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Disposing_DisposesTheRestAndTheOwner(bool hasOwner)
    {
        var rest = new MemoryStream([1]);
        var owner = new Owner();
        var stream = new ReplayStream([], 0, rest, failure: null, hasOwner ? owner : null);

        stream.Dispose();

        Assert.False(rest.CanRead);
        Assert.Equal(hasOwner, owner.Disposed);
    }

    private static List<string> ReadChunks(Stream stream, int bufferSize)
    {
        var read = new List<string>();
        var buffer = new byte[bufferSize];
        for (int n; (n = stream.Read(buffer, 0, buffer.Length)) > 0;)
        {
            read.Add(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return read;
    }

    private static IOException Thrown()
    {
        try
        {
            throw new IOException("reset while reading ahead");
        }
        catch (IOException e)
        {
            return e;
        }
    }

    private sealed class Owner : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
