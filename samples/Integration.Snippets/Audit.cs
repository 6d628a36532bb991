using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Audit
{
    public static async Task ReadAsync(IServiceProvider services, ExecutionId failed, Stream destination, CancellationToken ct)
    {
        #region snippet:operations-audit
        var operations = services.GetRequiredService<IExecutionOperations>();
        var support = services.GetRequiredService<IExecutionSupport>();

        // The overloads that take an actor record the action on the execution (who, when by the store's clock).
        var run = await operations.RunNowAsync("fnac-sales", actor: "alice@example.com");
        await support.ExportAsync(failed, ExportFormats.Xlsx, destination, actor: "bob@example.com", ct);

        // Read without the log: run now, re-run, cancel and export, oldest first.
        foreach (var action in await operations.GetActionsAsync(failed, limit: 50, ct))
        {
            Console.WriteLine($"{action.At:u} {action.Kind} by {action.Actor ?? "an unnamed operator"} {action.Detail}");
        }

        // A cancel asked on another node shows on the execution until its node acts on it.
        if ((await operations.GetAsync(run.Id, ct)).CancelRequest is { } request)
        {
            Console.WriteLine($"cancel requested by {request.RequestedBy} at {request.RequestedAt:u}");
        }
        #endregion
    }
}
