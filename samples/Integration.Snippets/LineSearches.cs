using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class LineSearches
{
    public static async Task FindAsync(IServiceProvider services, string searchBox, CancellationToken ct)
    {
        #region snippet:operations-line-search
        var operations = services.GetRequiredService<IExecutionOperations>();

        // One box: a correlation id (exact) or a business id / words of the message (every word, any case).
        var search = new LineSearch { Text = searchBox, InterfaceId = null, Limit = 50 };
        LinePage page;
        do
        {
            page = await operations.SearchLinesAsync(search, ct);                // newest first
            foreach (LineMatch match in page.Items)
            {
                Console.WriteLine($"{match.Line.Time:u} {match.InterfaceId} ({match.Kind}) {match.ExecutionId} #{match.Line.Sequence}: {match.Line.Message}");
            }

            search = search with { After = page.Next };                           // keyset cursor, never an offset
        }
        while (page.Next is not null);

        // The lines of one call, across its daily execution and the scheduled runs that logged its id:
        LinePage call = await operations.SearchLinesAsync(new LineSearch { CorrelationId = "0HN7A2K3L4M5N" }, ct);
        #endregion
        _ = call;
    }
}
