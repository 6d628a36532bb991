using System.Net.Http.Json;
using Integration.Sample.Connectors;
using Integration.Sample.Partner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Sample;

/// <summary>
/// The sample's demo: a host with four integrations, one of them failing once on its partner, then re-run by itself; the executions as they
/// end, the diagnosis of each KO, an export of each KO for an expert. See the README.
/// </summary>
public static class Demo
{
    /// <summary>Runs the demo; returns the process exit code.</summary>
    public static async Task<DemoResult> RunAsync(DemoOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var partner = await PartnerSystem.StartAsync(cancellationToken);
        var app = BuildHost(options, partner.BaseAddress);
        await using (app)
        {
            // Read before the start: the scheduler may fire fnac-sales while the host is still starting.
            var since = TimeProvider.System.GetUtcNow();
            await app.StartAsync(cancellationToken);
            var operations = app.Services.GetRequiredService<IExecutionOperations>();
            var color = output == Console.Out && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
            var table = new ExecutionTable(output, color);
            await output.WriteLineAsync($"Integration sample: store '{options.Store}', partner system on {partner.BaseAddress}, host API on {app.Urls.First()}");
            await output.WriteLineAsync();

            // 1. fnac-sales fires on its schedule (every 5 seconds); the partner answers 503 the first time.
            var firstSales = await WaitForScheduledAsync(operations, "fnac-sales", since, cancellationToken);
            await table.PrintAsync(operations, firstSales, cancellationToken);

            // 2. The error is External, and fnac-sales re-runs those by itself: two seconds later, on the same window,
            //    the automatic re-run finds the partner answering.
            if (firstSales.Status == ExecutionStatus.KO)
            {
                var retry = await WaitForRetryAsync(operations, firstSales, cancellationToken);
                await table.PrintAsync(operations, retry, cancellationToken);
            }

            // 3. Two scheduled interfaces run now: a mapping error and a missing setting.
            foreach (var interfaceId in new[] { "ticket-export", "erp-sync" })
            {
                var run = await operations.RunNowAsync(interfaceId, cancellationToken);
                await table.PrintAsync(operations, await run.Completion.WaitAsync(cancellationToken), cancellationToken);
            }

            // 4. A partner calls the host's public API three times; one call sends a sale it cannot map.
            await CallPublicApiAsync(new Uri(app.Urls.First()), output, cancellationToken);
            var daily = await app.Services.GetRequiredService<IDailyExecutions>().GetCurrentAsync("public-api", cancellationToken);
            await table.PrintAsync(operations, daily, cancellationToken);
            await table.PrintEndedAsync(operations, since, cancellationToken);

            // 5. What support reads: the diagnosis of every execution that holds an error.
            await output.WriteLineAsync();
            var failed = (await operations.QueryAsync(new ExecutionQuery { StartedFrom = since, Limit = 200 }, cancellationToken)).Items
                .Where(e => e.Status == ExecutionStatus.KO || (e.Kind == ExecutionKind.Daily && e.Id == daily.Id))
                .OrderBy(e => e.Id)
                .ToList();
            var exports = new List<string>();
            foreach (var execution in failed)
            {
                var text = await Diagnosis.RenderAsync(app.Services, execution, cancellationToken);
                if (text is null)
                {
                    continue;
                }

                await output.WriteLineAsync(text);
                exports.AddRange(await Exports.WriteAsync(app.Services, execution, options.ExportsFolder, cancellationToken));
            }

            foreach (var file in exports)
            {
                await output.WriteLineAsync($"Export for an expert: {file}");
            }

            if (options.Serve)
            {
                await output.WriteLineAsync($"Support console: {app.Urls.First()}/integrations/");
                await output.WriteLineAsync("Serving on the real schedules; Ctrl+C stops.");
                while (!cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                    await table.PrintEndedAsync(operations, since, CancellationToken.None);
                }
            }

            await app.StopAsync(CancellationToken.None);
            return new DemoResult(table.Counts, exports);
        }
    }

    private static WebApplication BuildHost(DemoOptions options, Uri partner)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<SalesLedger>();
        builder.Services.AddHttpClient<FnacSalesImport>(c => c.BaseAddress = partner).AddExecutionLogging();
        builder.Services.AddHttpClient<TicketExport>(c => c.BaseAddress = partner).AddExecutionLogging();
        builder.Services.AddExecutions(x =>
        {
            Stores.Use(x, options);
            x.Configure(o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(2))
             .ConfigureSupport(o => o.SupportContact = "integration-support@example.com")
             .AddExcelExport()
             .AddDashboard()
             .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i
                .DisplayName("FNAC sales import").Type(InterfaceType.ExternalSales).Provider("FNAC", "partners@fnac.example")
                .Cron("*/5 * * * * *", "Europe/Zurich").MaxDuration(TimeSpan.FromMinutes(10)).OnMisfire(MisfirePolicy.Skip)
                .RetryExternalFailures(maxAttempts: 3, firstDelay: TimeSpan.FromSeconds(2)))
             .AddScheduledInterface<TicketExport>("ticket-export", i => i
                .DisplayName("Ticket export").Type(InterfaceType.Exports).Provider("TicketHub", "api@tickethub.example")
                .MappingOwner("catalogue-team@example.com")
                .Cron("0 6 * * *", "Europe/Zurich"))
             .AddScheduledInterface<ErpSync>("erp-sync", i => i
                .DisplayName("ERP order sync").Type(new InterfaceType("Erp")).Provider("ERP team", "erp-team@example.com")
                .ConfigurationOwner("ops@example.com")
                .Cron("30 6 * * *", "Europe/Zurich"))
             .AddRealTimeInterface("public-api", i => i
                .DisplayName("Public sales API").Type(InterfaceType.PublicWebServices).Provider("Resellers", "resellers@example.com")
                .Inbound().TimeZone("Europe/Zurich"));
        });

        var app = builder.Build();
        // The host's public API: every request is a call of the public-api interface, logged in its daily execution.
        var api = app.MapGroup("/api/sales").WithDailyExecution("public-api");
        api.MapPost("/", (SaleIn sale) => sale.Amount > 0
            ? Results.Accepted($"/api/sales/{sale.Id}")
            : Results.Problem($"Sale {sale.Id}: amount {sale.Amount} is not a price", statusCode: StatusCodes.Status422UnprocessableEntity));

        // The support console: no policy named, so it answers this machine only (loopback).
        app.MapIntegrationDashboard("/integrations");
        return app;
    }

    private static async Task<Execution> WaitForScheduledAsync(IExecutionOperations operations, string interfaceId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var page = await operations.QueryAsync(new ExecutionQuery { InterfaceId = interfaceId, StartedFrom = since, Limit = 10 }, timeout.Token);
            // The first occurrence that ran, once it has ended: on a slow machine the next one can come while it still
            // runs, and is skipped (the overlap policy) and ended at once; that one is not the run to show.
            if (page.Items.Where(e => e.Trigger == ExecutionTrigger.Schedule && e.Reason != ExecutionReason.Skipped).MinBy(e => e.Id) is { IsEnded: true } ended)
            {
                return ended;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>Waits for the automatic re-run of <paramref name="failed"/> (trigger Retry, linked to it) to end.</summary>
    private static async Task<Execution> WaitForRetryAsync(IExecutionOperations operations, Execution failed, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var page = await operations.QueryAsync(new ExecutionQuery { RerunOf = failed.Id, Limit = 1 }, timeout.Token);
            if (page.Items is [{ Trigger: ExecutionTrigger.Retry, IsEnded: true } retry])
            {
                return retry;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    private static async Task CallPublicApiAsync(Uri host, TextWriter output, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = host };
        await output.WriteLineAsync("A reseller calls the host's public API:");
        foreach (var sale in new[] { new SaleIn("R-1", 12.0m), new SaleIn("R-2", -1m), new SaleIn("R-3", 30.5m) })
        {
            try
            {
                using var response = await client.PostAsJsonAsync("/api/sales", sale, cancellationToken);
                await output.WriteLineAsync($"  reseller POST /api/sales {sale.Id}: {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                await output.WriteLineAsync($"  reseller POST /api/sales {sale.Id}: {e.Message}");
            }
        }
    }
}

/// <summary>A sale sent to the host's public API.</summary>
public sealed record SaleIn(string Id, decimal Amount);

/// <summary>What the demo produced.</summary>
public sealed record DemoResult(IReadOnlyDictionary<ExecutionStatus, int> Counts, IReadOnlyList<string> Exports);
