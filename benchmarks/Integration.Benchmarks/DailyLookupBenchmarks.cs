using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Benchmarks;

/// <summary>
/// Resolving today's daily execution of a real-time interface when it is already open, on 1 and 8 threads, against
/// the raw baseline: a <see cref="ConcurrentDictionary{TKey, TValue}"/> lookup of the same interface id.
/// </summary>
[MemoryDiagnoser]
public class DailyLookupBenchmarks
{
    private const int Lookups = 8192;

    private readonly ConcurrentDictionary<string, Execution> _dictionary = new(StringComparer.Ordinal);
    private ServiceProvider _services = null!;
    private IDailyExecutions _daily = null!;

    [Params(1, 8)]
    public int Threads { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x.UseInMemoryStore().AddRealTimeInterface("pricing-api").AddRealTimeInterface("public-api"));
        _services = services.BuildServiceProvider();
        _daily = _services.GetRequiredService<IDailyExecutions>();
        _dictionary["pricing-api"] = await _daily.GetCurrentAsync("pricing-api");
        _dictionary["public-api"] = await _daily.GetCurrentAsync("public-api");
    }

    [GlobalCleanup]
    public Task Cleanup() => _services.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups)]
    public int ConcurrentDictionaryLookup()
    {
        var found = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, worker =>
        {
            var local = 0;
            for (var i = 0; i < Lookups / Threads; i++)
            {
                local += _dictionary.TryGetValue("pricing-api", out _) ? 1 : 0;
            }

            Interlocked.Add(ref found, local);
        });
        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int DailyExecutionLookup()
    {
        var found = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, worker =>
        {
            var local = 0;
            for (var i = 0; i < Lookups / Threads; i++)
            {
                var lookup = _daily.GetCurrentAsync("pricing-api");
                local += lookup.IsCompletedSuccessfully ? 1 : 0;
            }

            Interlocked.Add(ref found, local);
        });
        return found;
    }
}
