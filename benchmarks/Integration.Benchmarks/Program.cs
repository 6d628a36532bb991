using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --list flat
// dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --filter *LogAppend* --job short
// The generated benchmark project builds slowly on a small, busy machine: give it time.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
