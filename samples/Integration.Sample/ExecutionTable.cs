using System.Globalization;

namespace Integration.Sample;

/// <summary>Prints executions as they end: one line each, KO lines in red on a terminal.</summary>
public sealed class ExecutionTable(TextWriter output, bool color)
{
    private readonly HashSet<ExecutionId> _printed = [];
    private bool _header;

    /// <summary>Gets how many lines were printed, by status.</summary>
    public Dictionary<ExecutionStatus, int> Counts { get; } = [];

    /// <summary>Prints the executions that ended since the last call.</summary>
    public async Task PrintEndedAsync(IExecutionOperations operations, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var page = await operations.QueryAsync(new ExecutionQuery { StartedFrom = since, Limit = 200 }, cancellationToken);
        foreach (var execution in page.Items.Where(e => e.IsEnded && !_printed.Contains(e.Id)).OrderBy(e => e.EndedAt))
        {
            await PrintAsync(operations, execution, cancellationToken);
        }
    }

    /// <summary>Prints one execution (ended or still running).</summary>
    public async Task PrintAsync(IExecutionOperations operations, Execution execution, CancellationToken cancellationToken)
    {
        if (!_printed.Add(execution.Id))
        {
            return;
        }

        if (!_header)
        {
            _header = true;
            await output.WriteLineAsync($"{"interface",-14} {"schedule",-18} {"trigger",-9} {"status",-9} {"duration",9}  first error");
            await output.WriteLineAsync(new string('-', 100));
        }

        var errors = await operations.ReadLogAsync(execution.Id, LogQuery.Errors with { Limit = 20 }, cancellationToken);
        var first = errors.Where(e => e.Category != ErrorCategory.Cascade).Select(e => (LogEntry?)e).FirstOrDefault();
        var duration = execution.Duration is { } d ? d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-";
        var firstError = first is { } f ? $"{f.Category!.Value.Indicator()} {f.Message}" : "-";
        var line = $"{execution.InterfaceId,-14} {execution.ScheduleId,-18} {execution.Trigger,-9} {execution.Status,-9} {duration,9}  {firstError}";
        Counts[execution.Status] = Counts.GetValueOrDefault(execution.Status) + 1;
        await output.WriteLineAsync(color && (execution.Status == ExecutionStatus.KO || first is not null) ? $"\u001b[31m{line}\u001b[0m" : line);
    }
}
