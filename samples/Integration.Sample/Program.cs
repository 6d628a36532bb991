using Integration;
using Integration.Sample;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var result = await Demo.RunAsync(DemoOptions.Parse(args), Console.Out, stop.Token);
Console.WriteLine($"{result.Counts.GetValueOrDefault(ExecutionStatus.OK)} OK, {result.Counts.GetValueOrDefault(ExecutionStatus.KO)} KO, {result.Exports.Count} export(s).");
return 0;
