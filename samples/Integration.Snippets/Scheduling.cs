using Integration.Snippets.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Scheduling
{
    public static void Register(IServiceCollection services)
    {
        #region snippet:scheduling-registration
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i
                .Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example")
                .Cron("0 */2 * * *", "Europe/Zurich")        // every two hours, Zurich time
                .MaxDuration(TimeSpan.FromMinutes(30), DurationPolicy.Cancel)
                .OnOverlap(OverlapPolicy.Skip)               // the default
                .OnMisfire(MisfirePolicy.RunOnce)));         // the default
        #endregion
    }

    public static async Task OperateAsync(IServiceProvider services)
    {
        #region snippet:scheduling-operations
        var operations = services.GetRequiredService<IExecutionOperations>();

        var run = await operations.RunNowAsync("fnac-sales");      // manual trigger, window: latest occurrence → now
        Execution ended = await run.Completion;

        var rerun = await operations.RerunAsync(ended.Id);          // same window, RerunOf = ended.Id
        await operations.CancelAsync(rerun.Id);                     // ends Cancelled

        operations.SetScheduleEnabled("fnac-sales", false);         // stop firing (run now still works)
        IReadOnlyList<DateTimeOffset> next = operations.GetNextOccurrences("fnac-sales", 5);
        await operations.RunOccurrenceAsync("fnac-sales", next[0]); // backfill one occurrence (once)
        #endregion
    }

    public static async Task PauseAsync(IServiceProvider services)
    {
        #region snippet:operations-pause
        var operations = services.GetRequiredService<IExecutionOperations>();

        // Persisted in the store: no node fires it until it is resumed, restarts included.
        ScheduleState state = await operations.PauseAsync("fnac-sales", actor: "alice@example.com", reason: "FNAC closed for inventory");

        await operations.RunNowAsync("fnac-sales");                 // run now and re-run still work while paused

        // The next occurrence after now fires; the paused ones never do (they are not misfires).
        await operations.ResumeAsync("fnac-sales", actor: "bob@example.com");

        foreach (ScheduleAuditEntry entry in await operations.GetScheduleAuditAsync("fnac-sales", limit: 20))
        {
            Console.WriteLine($"{entry.At:u} {entry.Action} by {entry.Actor ?? "?"}: {entry.Reason}"); // newest first
        }
        #endregion
    }

    public static async Task CancelAsync(IServiceProvider services, ExecutionId running)
    {
        #region snippet:operations-cancel
        var operations = services.GetRequiredService<IExecutionOperations>();

        // Here: cancelled at once. On another node: stored, and that node cancels it within one heartbeat interval.
        CancelOutcome outcome = await operations.CancelAsync(running, actor: "alice@example.com");
        if (outcome == CancelOutcome.NotPossible)
        {
            Console.WriteLine("already ended");
        }

        // Run now and re-run name who asked on the first line of the new execution's log.
        var run = await operations.RunNowAsync("fnac-sales", actor: "alice@example.com"); // "Run now by alice@example.com"
        await operations.RerunAsync((await run.Completion).Id, actor: "bob@example.com"); // "Re-run of <id> by bob@example.com"
        #endregion
    }
}
