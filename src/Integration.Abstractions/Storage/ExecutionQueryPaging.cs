using System.Runtime.CompilerServices;

namespace Integration;

/// <summary>Reads every execution matching an <see cref="ExecutionQuery"/> from an <see cref="IExecutionStore"/>, following its cursor.</summary>
public static class ExecutionQueryPaging
{
    /// <summary>
    /// Reads the executions matching <paramref name="query"/>, newest first, page by page (<see cref="ExecutionQuery.Limit"/>
    /// executions a page), following <see cref="ExecutionPage.Next"/> until the last page.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The filters, the first cursor and the page size.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The pages; only the last one may be empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The query's limit is out of range.</exception>
    public static async IAsyncEnumerable<IReadOnlyList<Execution>> QueryPagesAsync(
        this IExecutionStore store,
        ExecutionQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        while (true)
        {
            var page = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            yield return page.Items;
            if (page.Next is null)
            {
                yield break;
            }

            query = query with { Before = page.Next };
        }
    }

    /// <summary>
    /// Reads the executions matching <paramref name="query"/>, newest first, one at a time, fetching
    /// <see cref="ExecutionQuery.Limit"/> executions at a time. Stop enumerating and no further page is read.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The filters, the first cursor and the page size.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The executions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The query's limit is out of range.</exception>
    public static async IAsyncEnumerable<Execution> QueryAllAsync(
        this IExecutionStore store,
        ExecutionQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in store.QueryPagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            foreach (var execution in page)
            {
                yield return execution;
            }
        }
    }
}
