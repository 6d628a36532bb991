using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --list flat
// dotnet run -c Release --project benchmarks/Integration.Benchmarks -- --filter *LogAppend* --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
