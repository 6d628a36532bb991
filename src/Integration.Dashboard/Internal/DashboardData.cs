using Microsoft.Extensions.Options;

namespace Integration.Dashboard.Internal;

/// <summary>
/// Every read the console makes, in one place, through the operations and support API a host uses (never the store):
/// the one seam to switch when the runtime offers richer reads.
/// </summary>
internal sealed class DashboardData(IExecutionOperations operations, IExecutionSupport support, IInterfaceCatalog catalog, IOptions<DashboardOptions> options, TimeProvider time)
{
    /// <summary>The most executions one page of the list reads when it filters what the store's query cannot.</summary>
    public const int MaxScanned = 2000;

    private const int ScanBatch = 250;
    private const int TodayCap = ExecutionQuery.MaxLimit;

    public IReadOnlyList<InterfaceDefinition> Interfaces => catalog.Interfaces;

    public IReadOnlyCollection<string> ExportFormats => support.ExportFormats;

    public TimeZoneInfo ZoneOf(string interfaceId) => catalog.TryGet(interfaceId, out var definition) ? ZoneOf(definition) : TimeZoneInfo.Utc;

    public static TimeZoneInfo ZoneOf(InterfaceDefinition definition) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(definition.Schedule.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    // TODO(issue 12): replace the per-interface queries below with one IExecutionOperations.GetOverviewAsync call.
    public async Task<IReadOnlyList<InterfaceRow>> GetInterfacesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<InterfaceRow>();
        foreach (var definition in catalog.Interfaces)
        {
            rows.Add(await GetInterfaceAsync(definition, cancellationToken));
        }

        return rows;
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

        // TODO(issue 12): the search box goes to IExecutionOperations.SearchLinesAsync (correlation id, business id, log
        // text). Until then, trigger, first-error category and text are filtered here, over at most MaxScanned executions.
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
        return new ExecutionView(diagnosis, ZoneOf(diagnosis.Execution.InterfaceId), lines, log, nextAfter, reruns.Items, [.. support.ExportFormats.Order(StringComparer.OrdinalIgnoreCase)]);
    }

    private async Task<InterfaceRow> GetInterfaceAsync(InterfaceDefinition definition, CancellationToken cancellationToken)
    {
        var zone = ZoneOf(definition);
        var scheduled = definition.Mode == InterfaceMode.Scheduled;
        var audit = await operations.GetScheduleAuditAsync(definition.Id, 1, cancellationToken);
        var lastChange = audit.Count > 0 ? audit[0] : null;
        var next = scheduled ? operations.GetNextOccurrences(definition.Id, 1).FirstOrDefault() : default;
        var last = (await operations.QueryAsync(new ExecutionQuery { InterfaceId = definition.Id, Limit = 1 }, cancellationToken)).Items.FirstOrDefault();
        var lastKo = (await operations.QueryAsync(new ExecutionQuery { InterfaceId = definition.Id, Status = ExecutionStatus.KO, Limit = 1 }, cancellationToken)).Items.FirstOrDefault();
        var running = (await operations.QueryAsync(new ExecutionQuery { InterfaceId = definition.Id, Status = ExecutionStatus.Running, Limit = 100 }, cancellationToken)).Items.Count;

        var now = time.GetUtcNow();
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(localNow.Date, zone.GetUtcOffset(localNow.Date));
        var today = await operations.QueryAsync(new ExecutionQuery { InterfaceId = definition.Id, StartedFrom = midnight, Limit = TodayCap }, cancellationToken);
        return new InterfaceRow(
            definition,
            zone,
            Paused: lastChange?.Action == ScheduleAction.Paused,
            lastChange,
            scheduled && next != default ? next : null,
            last,
            lastKo,
            lastKo is null ? null : await FirstCategoryAsync(lastKo, cancellationToken),
            today.Items.Count(e => e.Status == ExecutionStatus.OK),
            today.Items.Count(e => e.Status == ExecutionStatus.KO),
            TodayCapped: today.Next is not null,
            running,
            ApiSupport: definition.Mode == InterfaceMode.RealTime && definition.Type.IsApiSupportType);
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

    private bool Matches(ExecutionFilter filter, Execution execution, ErrorCategory? category)
    {
        if (filter.Trigger is { } trigger && execution.Trigger != trigger)
        {
            return false;
        }

        if (filter.Category is { } wanted && category != wanted)
        {
            return false;
        }

        if (filter.Search is { Length: > 0 } text)
        {
            catalog.TryGet(execution.InterfaceId, out var definition);
            return execution.InterfaceId.Contains(text, StringComparison.OrdinalIgnoreCase)
                || execution.ScheduleId.Contains(text, StringComparison.OrdinalIgnoreCase)
                || (definition?.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
                || (execution.NodeId?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
        }

        return true;
    }
}
