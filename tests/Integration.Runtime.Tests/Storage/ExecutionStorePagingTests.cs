using Integration.Tests.Support;

namespace Integration.Tests.Storage;

/// <summary>The paging helpers beside <see cref="IExecutionStore"/> follow the store's cursors to the end, and no further.</summary>
public sealed class ExecutionStorePagingTests
{
    [Theory]
    [InlineData(5, 2, new[] { 2, 2, 1 })]
    [InlineData(4, 4, new[] { 4 })]
    [InlineData(3, 1000, new[] { 3 })]
    [InlineData(0, 10, new[] { 0 })]
    public async Task QueryPagesAsync_FollowsTheCursorToTheLastPage(int executions, int limit, int[] pageSizes)
    {
        await using var h = Harness.Create(withSales: false);
        var seeded = await SeedAsync(h.Store, executions);

        var pages = new List<IReadOnlyList<Execution>>();
        await foreach (var page in h.Store.QueryPagesAsync(new ExecutionQuery { InterfaceId = "paged", Limit = limit }))
        {
            pages.Add(page);
        }

        Assert.Equal(pageSizes, pages.Select(p => p.Count));
        Assert.Equal(seeded.Select(e => e.Id).Reverse(), pages.SelectMany(p => p).Select(e => e.Id));
    }

    [Fact]
    public async Task QueryAllAsync_YieldsEveryMatch_NewestFirst()
    {
        await using var h = Harness.Create(withSales: false);
        var seeded = await SeedAsync(h.Store, 7);

        var all = new List<ExecutionId>();
        await foreach (var execution in h.Store.QueryAllAsync(new ExecutionQuery { InterfaceId = "paged", Limit = 3 }))
        {
            all.Add(execution.Id);
        }

        Assert.Equal(seeded.Select(e => e.Id).Reverse(), all);
    }

    [Fact]
    public async Task QueryAllAsync_RefusesAnOutOfRangeLimit()
    {
        await using var h = Harness.Create(withSales: false);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var unused in h.Store.QueryAllAsync(new ExecutionQuery { Limit = 0 }))
            {
            }
        });
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(7, 3)]
    [InlineData(7, 10_000)]
    public async Task ReadAllLogAsync_YieldsEveryLineInSequenceOrder(int lines, int limit)
    {
        await using var h = Harness.Create(withSales: false);
        var written = Enumerable.Range(1, lines).Select(i => Seed.Info($"line {i}")).ToArray();
        var execution = await Seed.ExecutionAsync(h.Store, "paged", Harness.Start, lines: written);

        var read = new List<LogEntry>();
        await foreach (var line in h.Store.ReadAllLogAsync(execution.Id, new LogQuery { Limit = limit }))
        {
            read.Add(line);
        }

        Assert.Equal(written.Select(l => l.Message), read.Select(l => l.Message));
        Assert.Equal(read.Select(l => l.Sequence).Order(), read.Select(l => l.Sequence));
    }

    [Fact]
    public async Task ReadAllLogAsync_StartsAfterTheQueryCursor_AtItsLevel()
    {
        await using var h = Harness.Create(withSales: false);
        var execution = await Seed.ExecutionAsync(
            h.Store, "paged", Harness.Start, lines: [Seed.Info("a"), Seed.Error(ErrorCategory.Technical, "b"), Seed.Info("c"), Seed.Error(ErrorCategory.Mapping, "d")]);
        var first = (await h.Store.ReadLogAsync(execution.Id, new LogQuery { Limit = 1 }))[0];

        var read = new List<string>();
        await foreach (var line in h.Store.ReadAllLogAsync(execution.Id, LogQuery.Errors with { AfterSequence = first.Sequence, Limit = 1 }))
        {
            read.Add(line.Message);
        }

        Assert.Equal(["b", "d"], read);
    }

    private static async Task<List<Execution>> SeedAsync(IExecutionStore store, int count)
    {
        var seeded = new List<Execution>();
        for (var i = 0; i < count; i++)
        {
            seeded.Add(await Seed.ExecutionAsync(store, "paged", Harness.Start.AddMinutes(i)));
        }

        return seeded;
    }
}
