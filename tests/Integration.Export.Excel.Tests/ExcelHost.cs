using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Export.Excel.Tests;

/// <summary>A host with the in-memory store, the Excel export, a fake clock and two interfaces; executions are seeded in the store.</summary>
public sealed class ExcelHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public ExcelHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddExcelExport()
            .AddExcelExport()
            .ConfigureSupport(o => o.SupportContact = "support@host.example")
            .AddScheduledInterface<NoConnector>("sales", i => i.Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example").Cron("0 */2 * * *"))
            .AddRealTimeInterface("api", i => i.Type(InterfaceType.PublicWebServices).Inbound()));
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public IExecutionStore Store => _provider.GetRequiredService<IExecutionStore>();

    public IExecutionSupport Support => _provider.GetRequiredService<IExecutionSupport>();

    public async Task<Execution> SeedAsync(IEnumerable<LogEntry> lines, string interfaceId = "sales", bool ended = true, DateTimeOffset? start = null)
    {
        var at = start ?? Start;
        var execution = new Execution
        {
            Id = ExecutionId.New(at),
            InterfaceId = interfaceId,
            ScheduleId = interfaceId,
            Window = new ExecutionWindow(at.AddHours(-2), at),
            StartedAt = at,
        };
        await Store.CreateAsync(execution);
        var errors = default(ErrorCounts);
        foreach (var line in lines)
        {
            await Store.AppendAsync(execution.Id, line.Time == default ? line with { Time = at } : line);
            errors = line.IsError ? errors.Add(line.Category ?? ErrorCategory.Technical) : errors;
        }

        if (ended)
        {
            await Store.CompleteAsync(new ExecutionCompletion
            {
                ExecutionId = execution.Id,
                Status = errors.Total > 0 ? ExecutionStatus.KO : ExecutionStatus.OK,
                Reason = errors.Total > 0 ? ExecutionReason.Error : ExecutionReason.None,
                EndedAt = at.AddMinutes(1),
                Errors = errors,
            });
        }

        return (await Store.GetAsync(execution.Id))!;
    }

    public async Task<byte[]> ExportAsync(ExecutionId id)
    {
        using var stream = new MemoryStream();
        await Support.ExportAsync(id, ExportFormats.Xlsx, stream);
        return stream.ToArray();
    }

    public static LogEntry Info(string message) => new() { Level = ExecutionLogLevel.Information, Message = message };

    public static LogEntry Error(ErrorCategory category, string message) => new() { Level = ExecutionLogLevel.Error, Category = category, Message = message };

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private sealed class NoConnector : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
