using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Integration.Tests;

/// <summary>
/// What an OpenTelemetry pipeline collects, through OpenTelemetry's own SDK and in-memory exporter: a KO's span has
/// status Error and <c>error.type</c> set to its first error's category; the ended-execution metrics carry it too; an OK
/// carries none.
/// </summary>
public sealed class OpenTelemetryTests
{
    [Theory]
    [InlineData("external", "external")]
    [InlineData("mapping", "mapping")]
    [InlineData("configuration", "configuration")]
    [InlineData("technical", "technical")]
    [InlineData("mapping-then-external", "mapping")]
    public async Task AKo_HasStatusError_AndErrorTypeIsItsFirstErrorsCategory_OnTheSpanAndTheMetrics(string failure, string errorType)
    {
        var (span, ended, duration) = await RunAsync(failure);

        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(errorType, span.GetTagItem("error.type"));
        Assert.Equal("KO", span.GetTagItem("integration.status"));
        Assert.Equal(errorType, ended["error.type"]);
        Assert.Equal("KO", ended["integration.status"]);
        Assert.Equal(errorType, duration["error.type"]);
    }

    [Fact]
    public async Task AnOk_HasNoErrorType()
    {
        var (span, ended, duration) = await RunAsync("none");

        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal("OK", ended["integration.status"]);
        Assert.False(ended.ContainsKey("error.type"));
        Assert.False(duration.ContainsKey("error.type"));
    }

    private static async Task<(Activity Span, Dictionary<string, object?> Ended, Dictionary<string, object?> Duration)> RunAsync(string failure)
    {
        // The SDK listens to every source and meter named "Integration" in the process, other tests' hosts included:
        // this run's interface has a name of its own, and only its span and points are read.
        var interfaceId = "otel-" + Guid.NewGuid().ToString("N");
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .Configure(o => o.EnableScheduler = false)
            .AddScheduledInterface<Failing>(interfaceId, i => i.Cron("0 0 1 1 *")));
        builder.Services.AddSingleton(new FailureScript(failure));
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource("Integration").AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddMeter("Integration").AddInMemoryExporter(metrics, o => o.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative));
        using var host = builder.Build();
        await host.StartAsync();

        var run = await host.Services.GetRequiredService<IExecutionOperations>().RunNowAsync(interfaceId);
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var tracer = host.Services.GetRequiredService<TracerProvider>();
        var meter = host.Services.GetRequiredService<MeterProvider>();
        // Flushed until this run's span and both points are exported (bounded): under a loaded test run an export can
        // come before the measurements it should hold.
        for (var attempt = 0; attempt < 50 && !(Exported() && Found("integration.execution.ended").Count > 0 && Found("integration.execution.duration").Count > 0); attempt++)
        {
            tracer.ForceFlush(timeoutMilliseconds: 5_000);
            meter.ForceFlush(timeoutMilliseconds: 5_000);
            await Task.Delay(attempt == 0 ? 0 : 100);
        }

        await host.StopAsync();

        var span = Assert.Single(spans, s => s.OperationName == "integration.execution" && Equals(s.GetTagItem("integration.interface"), interfaceId));
        return (span, Point("integration.execution.ended"), Point("integration.execution.duration"));

        bool Exported()
        {
            lock (spans)
            {
                return spans.Any(s => s.OperationName == "integration.execution" && Equals(s.GetTagItem("integration.interface"), interfaceId));
            }
        }

        // Snapshots copied at each export (cumulative): every meter named "Integration" in the process feeds this provider,
        // and an export may come before the flush: look at all of them for this run's interface.
        Dictionary<string, object?> Point(string name)
        {
            var found = Found(name);
            Assert.True(found.Count > 0, $"No point of {name} for {interfaceId} in {metrics.Count} exported snapshot(s): {string.Join(", ", metrics.Select(m => m.Name).Distinct())}.");
            Assert.All(found, tags => Assert.Equal(found[0], tags)); // one execution: one tag set
            return found[0];
        }

        List<Dictionary<string, object?>> Found(string name)
        {
            var found = new List<Dictionary<string, object?>>();
            lock (metrics)
            {
                foreach (var metric in metrics.Where(m => m.Name == name))
                {
                    foreach (var point in metric.MetricPoints)
                    {
                        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                        foreach (var tag in point.Tags)
                        {
                            tags[tag.Key] = tag.Value;
                        }

                        if (Equals(tags.GetValueOrDefault("integration.interface"), interfaceId))
                        {
                            found.Add(tags);
                        }
                    }
                }
            }

            return found;
        }
    }

    private sealed record FailureScript(string Failure);

    private sealed class Failing(FailureScript script) : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            switch (script.Failure)
            {
                case "external":
                    throw new ExternalSystemException("FNAC answered 503");
                case "mapping":
                    throw new MappingException("Unknown store code 'X9'");
                case "configuration":
                    throw new ConfigurationException("The API key is missing");
                case "technical":
                    throw new InvalidOperationException("A bug");
                case "mapping-then-external":
                    run.Log.Error(new MappingException("Unknown store code 'X9'"));
                    throw new ExternalSystemException("FNAC answered 503");
                default:
                    return Task.CompletedTask;
            }
        }
    }
}
