using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Notifications.Webhooks.Tests;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new WebhookNotifierOptions();

        Assert.Null(options.Endpoint);
        Assert.Null(options.Secret);
        Assert.Equal("X-Integration-Signature", options.SignatureHeader);
        Assert.Equal("/integration", options.Source);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FirstRetryDelay);
    }

    [Theory]
    [InlineData("missing endpoint", "Endpoint", "is required")]
    [InlineData("relative endpoint", "Endpoint", "relative")]
    [InlineData("ftp endpoint", "Endpoint", "'ftp'")]
    [InlineData("missing secret", "Secret", "is required")]
    [InlineData("short secret", "Secret", "at least 16 characters")]
    [InlineData("header with a space", "SignatureHeader", "header name")]
    [InlineData("empty source", "Source", "URI reference")]
    [InlineData("attempt timeout zero", "AttemptTimeout", "from 00:00:01 to 00:05:00")]
    [InlineData("eleven retries", "MaxRetries", "from 0 to 10")]
    [InlineData("negative retries", "MaxRetries", "from 0 to 10")]
    [InlineData("negative delay", "FirstRetryDelay", "from 00:00:00 to 00:10:00")]
    public async Task InvalidOptions_FailTheHostStart_NamingTheOptionAndTheProblem(string change, string option, string problem)
    {
        const string ShortSecret = "short-secret-15";
        using var host = BuildHost(o =>
        {
            o.Endpoint = new Uri("https://ops.example.com/hooks/integration");
            o.Secret = NotifierHost.Secret;
            switch (change)
            {
                case "missing endpoint": o.Endpoint = null; break;
                case "relative endpoint": o.Endpoint = new Uri("/hooks/integration", UriKind.Relative); break;
                case "ftp endpoint": o.Endpoint = new Uri("ftp://ops.example.com/hooks"); break;
                case "missing secret": o.Secret = null; break;
                case "short secret": o.Secret = ShortSecret; break;
                case "header with a space": o.SignatureHeader = "X Signature"; break;
                case "empty source": o.Source = ""; break;
                case "attempt timeout zero": o.AttemptTimeout = TimeSpan.Zero; break;
                case "eleven retries": o.MaxRetries = 11; break;
                case "negative retries": o.MaxRetries = -1; break;
                default: o.FirstRetryDelay = TimeSpan.FromSeconds(-1); break;
            }
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"WebhookNotifierOptions.{option}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(NotifierHost.Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ShortSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidOptions_AreAccepted_AndAddingTheNotifierTwice_RegistersItOnce()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x
            .AddWebhookNotifier(o => o.Endpoint = new Uri("http://127.0.0.1:9/hooks"))
            .AddWebhookNotifier(o => o.Secret = NotifierHost.Secret));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebhookNotifierOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:9/hooks"), options.Endpoint);
        Assert.Equal(NotifierHost.Secret, options.Secret);
        Assert.Single(provider.GetServices<IExecutionNotifier>());
    }

    private static IHost BuildHost(Action<WebhookNotifierOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddExecutions(x => x.AddWebhookNotifier(configure));
        return builder.Build();
    }
}
