using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Overview
{
    public static async Task ShowAsync(IServiceProvider services)
    {
        #region snippet:operations-overview
        var operations = services.GetRequiredService<IExecutionOperations>();

        // Every registered interface, in two store reads whatever their number.
        foreach (InterfaceOverview o in await operations.GetOverviewAsync())
        {
            string last = o.LastExecution is { } e ? $"{e.Status} at {e.StartedAt:u}" : "never ran";
            string ko = o.LastKo is { } k ? $"last KO {k.StartedAt:u} ({o.LastKoFirstError})" : "no KO";
            Console.WriteLine(
                $"{o.Interface.Id} [{o.Interface.Type}, {o.Interface.Provider.Name}] {(o.IsPaused ? "PAUSED " : "")}{(o.IsRunning ? "running " : "")}" +
                $"last: {last}; {ko}; today ({o.Today}): {o.OkToday} OK, {o.KoToday} KO; next: {string.Join(", ", o.NextOccurrences)}" +
                (o.IsProbablyApiIntegration ? " — API support" : ""));
        }
        #endregion
    }
}
