using System.Runtime.CompilerServices;

namespace Integration;

/// <summary>Reads an execution's whole log from an <see cref="IExecutionStore"/>, one page at a time, as pages or as lines.</summary>
public static class ExecutionLogPaging
{
    /// <summary>
    /// Reads an execution's log in order, page by page, so that only one page is held at a time. While the execution runs,
    /// the pages end with the last line written when the last page was read.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="minLevel">The lowest level to read; <see cref="ExecutionLogLevel.Error"/> reads the errors only.</param>
    /// <param name="pageSize">Lines per page, from 1 to <see cref="LogQuery.MaxLimit"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The pages, none of them empty.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    public static async IAsyncEnumerable<IReadOnlyList<LogEntry>> ReadLogPagesAsync(
        this IExecutionStore store,
        ExecutionId executionId,
        ExecutionLogLevel minLevel = ExecutionLogLevel.Debug,
        int pageSize = 1000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var query = new LogQuery { MinLevel = minLevel, Limit = pageSize };
        query.Validate();
        while (true)
        {
            var page = await store.ReadLogAsync(executionId, query, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            if (page.Count < pageSize)
            {
                yield break;
            }

            query = query with { AfterSequence = page[^1].Sequence };
        }
    }

    /// <summary>
    /// Reads an execution's log in order, line by line, from after <see cref="LogQuery.AfterSequence"/>, fetching
    /// <see cref="LogQuery.Limit"/> lines at a time. While the execution runs, the lines end with the last line written
    /// when the last page was read.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="query">Where to start, the lowest level to read and the page size.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The lines, in sequence order.</returns>
    /// <exception cref="ExecutionNotFoundException">The store does not hold the execution.</exception>
    public static async IAsyncEnumerable<LogEntry> ReadAllLogAsync(
        this IExecutionStore store,
        ExecutionId executionId,
        LogQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        query.Validate();
        while (true)
        {
            var page = await store.ReadLogAsync(executionId, query, cancellationToken).ConfigureAwait(false);
            foreach (var line in page)
            {
                yield return line;
            }

            if (page.Count < query.Limit)
            {
                yield break;
            }

            query = query with { AfterSequence = page[^1].Sequence };
        }
    }
}
