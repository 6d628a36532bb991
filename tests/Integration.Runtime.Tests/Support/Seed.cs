namespace Integration.Tests.Support;

/// <summary>Writes executions and their lines straight into a store, as a host with any history would have left them.</summary>
public static class Seed
{
    public static async Task<Execution> ExecutionAsync(
        IExecutionStore store,
        string interfaceId,
        DateTimeOffset start,
        ExecutionKind kind = ExecutionKind.Scheduled,
        bool ended = true,
        ExecutionId? rerunOf = null,
        params LogEntry[] lines)
    {
        var execution = new Execution
        {
            Id = ExecutionId.New(start),
            InterfaceId = interfaceId,
            ScheduleId = kind == ExecutionKind.Daily ? ScheduleDefinition.DailyScheduleId(interfaceId) : interfaceId,
            Kind = kind,
            Trigger = kind == ExecutionKind.Daily ? ExecutionTrigger.Call : rerunOf is null ? ExecutionTrigger.Schedule : ExecutionTrigger.Rerun,
            Window = kind == ExecutionKind.Daily ? new ExecutionWindow(start.Date, start.Date.AddDays(1)) : new ExecutionWindow(start.AddHours(-2), start),
            RerunOf = rerunOf,
            StartedAt = start,
        };
        await store.CreateAsync(execution);
        var errors = default(ErrorCounts);
        foreach (var line in lines)
        {
            await store.AppendAsync(execution.Id, line.Time == default ? line with { Time = start } : line);
            if (line.IsError)
            {
                errors = errors.Add(line.Category ?? ErrorCategory.Technical);
            }
        }

        if (ended)
        {
            await store.CompleteAsync(new ExecutionCompletion
            {
                ExecutionId = execution.Id,
                Status = errors.Total > 0 ? ExecutionStatus.KO : ExecutionStatus.OK,
                Reason = errors.Total > 0 ? ExecutionReason.Error : ExecutionReason.None,
                EndedAt = start.AddMinutes(1),
                Errors = errors,
            });
        }

        return (await store.GetAsync(execution.Id))!;
    }

    public static LogEntry Info(string message) => new() { Level = ExecutionLogLevel.Information, Message = message };

    public static LogEntry Error(ErrorCategory category, string message, string? correlationId = null, ExchangeDetails? exchange = null)
        => new() { Level = ExecutionLogLevel.Error, Category = category, Message = message, CorrelationId = correlationId, Exchange = exchange };
}
