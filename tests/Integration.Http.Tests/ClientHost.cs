using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Http.Tests;

/// <summary>A host with the in-memory store, a real-time interface <c>partner</c> and a typed client that logs its exchanges.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    private ClientHost(ServiceProvider provider) => Provider = provider;

    public ServiceProvider Provider { get; }

    public PartnerClient Client => Provider.GetRequiredService<PartnerClient>();

    public IExecutionOperations Operations => Provider.GetRequiredService<IExecutionOperations>();

    public IRealTimeCalls Calls => Provider.GetRequiredService<IRealTimeCalls>();

    /// <param name="inner">Adds handlers between the exchange logging handler and the wire.</param>
    public static ClientHost Create(Uri baseAddress, Action<IExecutionsBuilder>? configure = null, TimeSpan? timeout = null, Action<HttpExchangeLoggingOptions>? logging = null, Action<IHttpClientBuilder>? inner = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero)));
        services.AddExecutions(x =>
        {
            x.UseInMemoryStore()
             .AddRealTimeInterface("partner", i => i.Type(InterfaceType.ExternalSales))
             .AddScheduledInterface<PartnerImport>("partner-import", i => i.Cron("0 */2 * * *", "Europe/Zurich"));
            configure?.Invoke(x);
        });
        var client = services.AddHttpClient<PartnerClient>(http =>
            {
                http.BaseAddress = baseAddress;
                http.Timeout = timeout ?? TimeSpan.FromSeconds(30);
            })
            .AddExecutionLogging(logging);
        inner?.Invoke(client);
        return new ClientHost(services.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>Sends one request inside a real-time call of <c>partner</c>, and gives back its response.</summary>
    public Task<HttpResponseMessage> SendAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
        => Calls.CallAsync("partner", "partner call", (_, _) => send(Client.Http));

    public async Task<IReadOnlyList<LogEntry>> LinesAsync()
    {
        var execution = await Provider.GetRequiredService<IDailyExecutions>().GetCurrentAsync("partner");
        return await Provider.GetRequiredService<IExecutionStore>().ReadLogAsync(execution.Id, new LogQuery { Limit = LogQuery.MaxLimit });
    }

    /// <summary>The one line the handler wrote: the only one whose exchange has a target.</summary>
    public async Task<LogEntry> ExchangeLineAsync() => Assert.Single(await LinesAsync(), l => l.Exchange?.Target is not null);

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
