using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Benchmarks;

/// <summary>
/// Exporting one execution of <see cref="Lines"/> log lines to .xlsx, streamed page by page from a SQLite store
/// (on disk, so the source is not in memory). Time per export, and the process's peak working set during the export,
/// sampled every 5 ms by the benchmark and printed as "// Peak working set" lines in the log (and
/// BenchmarkDotNet's own memory columns). No peer exports run history; the budget is the peak working set.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ExcelExportBenchmarks
{
    private string _folder = null!;
    private ServiceProvider _services = null!;
    private IExecutionSupport _support = null!;
    private ExecutionId _execution;
    private long _peak;

    [Params(100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Directory.CreateTempSubdirectory("integration-bench-export-").FullName;
        var services = new ServiceCollection();
        services.AddExecutions(x => x.UseSqliteStore($"Data Source={Path.Combine(_folder, "store.db")}").AddExcelExport());
        _services = services.BuildServiceProvider();
        var store = _services.GetRequiredService<Storage.Sqlite.SqliteExecutionStore>();
        await store.InitializeAsync(CancellationToken.None);

        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        _execution = ExecutionId.New(start);
        await store.CreateAsync(new Execution { Id = _execution, InterfaceId = "sales", ScheduleId = "sales", StartedAt = start, NodeId = "bench" });
        const int batch = 5000;
        for (var done = 0; done < Lines; done += batch)
        {
            var appends = new Task<long>[Math.Min(batch, Lines - done)];
            for (var i = 0; i < appends.Length; i++)
            {
                var n = done + i;
                appends[i] = store.AppendAsync(_execution, n % 100 == 99
                    ? new LogEntry { Time = start.AddMilliseconds(n), Level = ExecutionLogLevel.Error, Category = ErrorCategory.External, Message = $"Sale {n}: partner answered 503", CorrelationId = $"call-{n}" }
                    : new LogEntry { Time = start.AddMilliseconds(n), Level = ExecutionLogLevel.Information, Message = $"Sale {n} upserted (store ZRH-01, 59.90 CHF)", CorrelationId = $"call-{n}" }).AsTask();
            }

            await Task.WhenAll(appends);
        }

        _support = _services.GetRequiredService<IExecutionSupport>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        Console.WriteLine($"// Peak working set during a {Lines:N0}-line export: {_peak / (1024.0 * 1024.0):F1} MB");
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<long> ExportToXlsx()
    {
        var path = Path.Combine(_folder, "export.xlsx");
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(() => SamplePeak(sampling.Token));
        long length;
        var file = File.Create(path);
        await using (file)
        {
            await _support.ExportAsync(_execution, ExportFormats.Xlsx, file);
            length = file.Length;
        }

        await sampling.CancelAsync();
        _peak = Math.Max(_peak, await sampler);
        File.Delete(path);
        return length;
    }

    private static long SamplePeak(CancellationToken stop)
    {
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            Thread.Sleep(5);
        }

        return peak;
    }
}
