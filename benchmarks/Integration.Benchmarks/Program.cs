using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Integration.Benchmarks;

// dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --list flat
// dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --filter *LogAppend* --job short
// dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --simulate-day [--short]   (ScaleSimulation.cs)
if (args.Contains("--simulate-day"))
{
    return await ScaleSimulation.RunAsync(args);
}

// The generated benchmark project builds slowly on a small, busy machine: give it time.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
var types = typeof(Program).Assembly.GetExportedTypes().Where(t => t.Name.EndsWith("Benchmarks", StringComparison.Ordinal)).ToList();
if (!args.Contains("--list") && await PostgreSqlAppendBenchmarks.UnreachableBecauseAsync() is { } why)
{
    Console.WriteLine($"PostgreSQL benchmarks skipped: no PostgreSQL server answers ({why}). Start one and set INTEGRATION_POSTGRES; see the README.");
    types.RemoveAll(t => t.Name.StartsWith("PostgreSql", StringComparison.Ordinal));
}

BenchmarkSwitcher.FromTypes([.. types]).Run(args, config);
return 0;
