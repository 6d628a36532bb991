using Integration;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet Integration.Storage.CrashHost.dll sqlite|postgres <connection string>
// Prints "execution <id>", then "appended <sequence> <message>" for every line whose append has completed, until killed.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Integration.Storage.CrashHost sqlite|postgres <connection string>");
    return 2;
}

var services = new ServiceCollection();
services.AddExecutions(x =>
{
    _ = args[0] == "sqlite" ? x.UseSqliteStore(args[1]) : x.UsePostgreSqlStore(args[1]);
    x.Configure(o => o.NodeId = "crash-child")
     .AddScheduledInterface<AppendingConnector>("sales", i => i.Cron("0 * * * *"));
});
await using var provider = services.BuildServiceProvider();
var run = await provider.GetRequiredService<IExecutionOperations>().RunNowAsync("sales");
Console.WriteLine($"execution {run.Id}");
await run.Completion;
return 0;

/// <summary>Four writers appending lines as fast as the store acknowledges them, reporting each acknowledged one.</summary>
internal sealed class AppendingConnector : IExternalInterface
{
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        => Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
            {
                var message = $"writer {writer} line {i}";
                var sequence = await run.Log.WriteAsync(new LogEntry { Level = ExecutionLogLevel.Information, Message = message }, cancellationToken);
                Console.WriteLine($"appended {sequence} {message}");
            }
        }, cancellationToken)));
}
