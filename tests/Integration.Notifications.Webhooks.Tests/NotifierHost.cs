using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Notifications.Webhooks.Tests;

/// <summary>A host's services with the webhook notifier pointed at a receiver (no retry delay unless a test sets one) and every log line captured.</summary>
internal sealed class NotifierHost : IAsyncDisposable
{
    public const string Secret = "whk-7f3a9c2e41b8d05e6a1f";

    private NotifierHost(ServiceProvider provider, CapturedLogs logs)
    {
        Provider = provider;
        Logs = logs;
    }

    public ServiceProvider Provider { get; }

    public CapturedLogs Logs { get; }

    public IExecutionNotifier Notifier => Assert.Single(Provider.GetServices<IExecutionNotifier>());

    public static NotifierHost Create(Uri endpoint, Action<WebhookNotifierOptions>? configure = null, TimeProvider? clock = null)
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddExecutions(x => x.AddWebhookNotifier(o =>
        {
            o.Endpoint = endpoint;
            o.Secret = Secret;
            o.FirstRetryDelay = TimeSpan.Zero;
            configure?.Invoke(o);
        }));
        return new NotifierHost(services.BuildServiceProvider(validateScopes: true), logs);
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
