using System.Net.Http.Json;
using Integration.Sample.Partner;

namespace Integration.Sample.Connectors;

/// <summary>Exports pending tickets to the ticketing partner; one ticket's category has no mapping.</summary>
public sealed class TicketExport(HttpClient http) : IExternalInterface
{
    private static readonly Dictionary<string, string> CategoryCodes = new(StringComparer.Ordinal)
    {
        ["CONCERT"] = "C1",
        ["THEATRE"] = "T1",
    };

    /// <inheritdoc />
    public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        var tickets = await http.GetFromJsonAsync<Ticket[]>("tickets/pending", cancellationToken) ?? [];
        run.Log.Info($"{tickets.Length} tickets to export");
        var exported = 0;
        foreach (var ticket in tickets)
        {
            if (!CategoryCodes.TryGetValue(ticket.Category, out var code))
            {
                run.Log.Error(ErrorCategory.Mapping, $"Ticket {ticket.Id}: category '{ticket.Category}' has no partner code");
                continue;
            }

            using var response = await http.PostAsJsonAsync("tickets/export", new { ticket.Id, Category = code }, cancellationToken);
            response.EnsureSuccessStatusCode();
            exported++;
        }

        run.Log.Info($"{exported} of {tickets.Length} tickets exported");
    }
}
