using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class RealTime
{
    public static void Register(IServiceCollection services)
    {
        #region snippet:real-time-registration
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddRealTimeInterface("pricing-api", i => i
                .Type(InterfaceType.PublicWebServices).Provider("Pricer", "help@pricer.example")
                .Outbound()                      // the default; Inbound() when the partner calls us
                .TimeZone("Europe/Berlin")));    // whose local day groups the calls; UTC by default
        #endregion
    }
}

#region snippet:real-time-call
public sealed class PriceService(IRealTimeCalls calls, HttpClient http)
{
    public Task<decimal> GetPriceAsync(int productId, CancellationToken ct)
        => calls.CallAsync("pricing-api", $"GET /prices/{productId}", async (call, token) =>
        {
            call.Log.Info($"Asking the pricer for {productId}");
            return await http.GetFromJsonAsync<decimal>($"/prices/{productId}", token);
        }, ct);
}
#endregion
