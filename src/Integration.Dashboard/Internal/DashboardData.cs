using Microsoft.Extensions.Options;

namespace Integration.Dashboard.Internal;

/// <summary>
/// Every read the console makes, in one place, through the operations and support API a host uses (never the store):
/// the one seam to switch when the runtime offers richer reads.
/// </summary>
internal sealed class DashboardData(IExecutionOperations operations, IExecutionSupport support, IInterfaceCatalog catalog, IOptions<DashboardOptions> options)
{
    /// <summary>The most executions one page of the list reads when it filters what the store's query cannot.</summary>
    public const int MaxScanned = 2000;

    /// <summary>The most operator actions the Execution page lists (the first ones).</summary>
    public const int MaxActions = 100;

    private const int ScanBatch = 250;

    public IReadOnlyList<InterfaceDefinition> Interfaces => catalog.Interfaces;

    public IReadOnlyCollection<string> ExportFormats => support.ExportFormats;

    public TimeZoneInfo ZoneOf(string interfaceId) => catalog.TryGet(interfaceId, out var definition) ? ZoneOf(definition) : TimeZoneInfo.Utc;

    public static TimeZoneInfo ZoneOf(InterfaceDefinition definition) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(definition.Schedule.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The Interfaces page: one <see cref="IExecutionOperations.GetOverviewAsync"/> call (two store reads, however many interfaces).</summary>
    public async Task<IReadOnlyList<InterfaceRow>> GetInterfacesAsync(CancellationToken cancellationToken)
    {
        var overviews = await operations.GetOverviewAsync(cancellationToken);
        return [.. overviews.Select(o => new InterfaceRow(o, ZoneOf(o.Interface)))];
    }

    public async Task<ExecutionsView> ListExecutionsAsync(ExecutionFilter filter, CancellationToken cancellationToken)
    {
        var pageSize = options.Value.PageSize;
        var query = new ExecutionQuery
        {
            InterfaceId = filter.InterfaceId,
            Status = filter.Status,
            StartedFrom = filter.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            StartedBefore = filter.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Before = filter.Before,
            Limit = filter.FiltersInMemory ? ScanBatch : pageSize,
        };

        if (!filter.FiltersInMemory)
        {
            var page = await operations.QueryAsync(query, cancellationToken);
            var rows = new List<ExecutionRow>(page.Items.Count);
            foreach (var execution in page.Items)
            {
                rows.Add(await RowAsync(execution, firstCategory: null, cancellationToken));
            }

            return new ExecutionsView(filter, rows, page.Next, page.Items.Count, catalog.Interfaces);
        }

        // The store's query has no trigger nor first-error filter: those are checked here, over at most MaxScanned
        // executions per page (the page says how many it read).
        var found = new List<ExecutionRow>();
        var scanned = 0;
        var cursor = filter.Before;
        while (true)
        {
            var page = await operations.QueryAsync(query with { Before = cursor }, cancellationToken);
            foreach (var execution in page.Items)
            {
                scanned++;
                cursor = execution.Id;
                var category = filter.Category is null ? null : await FirstCategoryAsync(execution, cancellationToken);
                if (Matches(filter, execution, category))
                {
                    found.Add(await RowAsync(execution, category, cancellationToken));
                    if (found.Count == pageSize)
                    {
                        return new ExecutionsView(filter, found, cursor, scanned, catalog.Interfaces);
                    }
                }
            }

            if (page.Next is null)
            {
                return new ExecutionsView(filter, found, null, scanned, catalog.Interfaces);
            }

            if (scanned >= MaxScanned)
            {
                return new ExecutionsView(filter, found, cursor, scanned, catalog.Interfaces);
            }
        }
    }

    /// <summary>The search box: the lines whose correlation id is the text, or whose message holds its words, newest first.</summary>
    /// <exception cref="ArgumentException">The text holds no word, or too many (<see cref="LineSearch.Validate"/>).</exception>
    public async Task<LinesView> SearchLinesAsync(LineFilter filter, CancellationToken cancellationToken)
    {
        var page = await operations.SearchLinesAsync(
            new LineSearch
            {
                Text = filter.Text,
                InterfaceId = filter.InterfaceId,
                From = filter.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                Before = filter.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                After = filter.After,
                Limit = options.Value.PageSize,
            },
            cancellationToken);
        var rows = new List<LineRow>(page.Items.Count);
        foreach (var match in page.Items)
        {
            catalog.TryGet(match.InterfaceId, out var definition);
            rows.Add(new LineRow(match, definition, definition is null ? TimeZoneInfo.Utc : ZoneOf(definition)));
        }

        return new LinesView(filter, rows, page.Next, catalog.Interfaces);
    }

    public async Task<ExecutionView> GetExecutionAsync(ExecutionId id, LogFilter log, CancellationToken cancellationToken)
    {
        var diagnosis = await support.DiagnoseAsync(id, cancellationToken);
        var pageSize = options.Value.LogPageSize;
        var lines = await operations.ReadLogAsync(id, new LogQuery { AfterSequence = log.After, MinLevel = log.MinLevel, Limit = pageSize + 1 }, cancellationToken);
        long? nextAfter = null;
        if (lines.Count > pageSize)
        {
            lines = [.. lines.Take(pageSize)];
            nextAfter = lines[^1].Sequence;
        }

        var reruns = await operations.QueryAsync(new ExecutionQuery { RerunOf = id, Limit = 20 }, cancellationToken);
        var actions = await operations.GetActionsAsync(id, MaxActions, cancellationToken);
        return new ExecutionView(diagnosis, ZoneOf(diagnosis.Execution.InterfaceId), lines, log, nextAfter, reruns.Items, [.. support.ExportFormats.Order(StringComparer.OrdinalIgnoreCase)])
        {
            Actions = actions,
        };
    }

    private async ValueTask<ExecutionRow> RowAsync(Execution execution, ErrorCategory? firstCategory, CancellationToken cancellationToken)
    {
        catalog.TryGet(execution.InterfaceId, out var definition);
        var zone = definition is null ? TimeZoneInfo.Utc : ZoneOf(definition);
        firstCategory ??= execution.Errors.Total > 0 ? await FirstCategoryAsync(execution, cancellationToken) : null;
        return new ExecutionRow(execution, definition, zone, firstCategory);
    }

    /// <summary>The category of the execution's first error: from its counts when one category is possible, else from its log.</summary>
    private async ValueTask<ErrorCategory?> FirstCategoryAsync(Execution execution, CancellationToken cancellationToken)
    {
        var errors = execution.Errors;
        ErrorCategory[] roots = [ErrorCategory.External, ErrorCategory.Configuration, ErrorCategory.Mapping, ErrorCategory.Technical];
        var present = roots.Where(c => errors[c] > 0).ToList();
        if (present.Count <= 1)
        {
            return present.Count == 1 ? present[0] : errors.Cascade > 0 ? ErrorCategory.Cascade : null;
        }

        var first = await operations.ReadLogAsync(execution.Id, LogQuery.Errors with { Limit = 1 }, cancellationToken);
        return first.Count > 0 ? first[0].Category : null;
    }

    private static bool Matches(ExecutionFilter filter, Execution execution, ErrorCategory? category)
    {
        if (filter.Trigger is { } trigger && execution.Trigger != trigger)
        {
            return false;
        }

        if (filter.Category is { } wanted && category != wanted)
        {
            return false;
        }

        return true;
    }
}
