using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Dashboard.Tests;

/// <summary>
/// A real Kestrel on 127.0.0.1 (port 0) with a SQLite store, the console and three interfaces: <c>sales</c> (fails
/// once, when told, with hostile text in its log), <c>slow</c> (runs until cancelled) and <c>api</c> (real-time).
/// </summary>
public sealed class ConsoleHost : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";
    public const string RoleHeader = "X-Test-Role";
    public const string RemoteHeader = "X-Test-Remote";
    public const string Xss = "<script>window.__xss = 1;</script>";
    public const string XssHeader = "Location: \"><img src=x onerror=\"window.__xssHeader = 1\">";

    private readonly WebApplication _app;
    private readonly string _folder;

    private ConsoleHost(WebApplication app, string folder, Uri root)
    {
        _app = app;
        _folder = folder;
        Root = root;
    }

    /// <summary>Gets the console's root address, ending with a slash.</summary>
    public Uri Root { get; }

    public IServiceProvider Services => _app.Services;

    public IExecutionOperations Operations => Services.GetRequiredService<IExecutionOperations>();

    public SalesScript Sales => Services.GetRequiredService<SalesScript>();

    /// <summary>Starts a host; <paramref name="configure"/> sets the console's options, <paramref name="pathBase"/> puts it behind a path base.</summary>
    public static async Task<ConsoleHost> StartAsync(Action<DashboardOptions>? configure = null, string? pathBase = null, Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "integration-dashboard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<SalesScript>();
        builder.Services.AddAuthentication(TestAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy("viewers", p => p.RequireAuthenticatedUser());
            o.AddPolicy("operators", p => p.RequireAuthenticatedUser().RequireRole("operator"));
        });
        builder.Services.AddExecutions(x => x
            .UseSqliteStore($"Data Source={Path.Combine(folder, "console.db")}")
            .AddExcelExport()
            .AddDashboard(configure)
            .ConfigureSupport(o => o.SupportContact = "support@host.example")
            .AddScheduledInterface<SalesImport>("sales", i => i
                .DisplayName("FNAC sales").Type(InterfaceType.ExternalSales).Provider("FNAC", "partners@fnac.example")
                .Cron("0 3 1 1 *", "Europe/Zurich").OnMisfire(MisfirePolicy.Skip))
            .AddScheduledInterface<SlowExport>("slow", i => i
                .Type(InterfaceType.Exports).Provider("TicketHub", "api@tickethub.example")
                .Cron("0 4 1 1 *", "America/New_York").OnMisfire(MisfirePolicy.Skip))
            .AddRealTimeInterface("api", i => i.Type(InterfaceType.PublicWebServices).Provider("Resellers", "resellers@example.com").Inbound().TimeZone("Europe/Zurich")));

        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            // Stands for UseForwardedHeaders behind a proxy: the request comes from another machine.
            if (context.Request.Headers.TryGetValue(RemoteHeader, out var remote))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(remote.ToString());
            }

            return next(context);
        });
        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }

        app.UseAuthentication();
        app.MapIntegrationDashboard("/integrations");
        await app.StartAsync();
        var address = app.Urls.First();
        return new ConsoleHost(app, folder, new Uri($"{address}{pathBase}/integrations/"));
    }

    /// <summary>Runs <c>sales</c> once, failing: a root External error with a script in it, an exchange with a hostile header, a cascade.</summary>
    public async Task<Execution> SeedKoAsync()
    {
        Sales.FailNext = true;
        var run = await Operations.RunNowAsync("sales", "seed");
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits (polling the operations API, 30 s at most) until an execution has ended.</summary>
    public async Task<Execution> WaitEndedAsync(ExecutionId id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var execution = await Operations.GetAsync(id, timeout.Token);
            if (execution.IsEnded)
            {
                return execution;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pool is left to the temporary folder's cleaning.
        }
    }

    /// <summary>What the <c>sales</c> connector does next.</summary>
    public sealed class SalesScript
    {
        public volatile bool FailNext;

        /// <summary>A line the next run logs (once), e.g. a business id; null for none.</summary>
        public volatile string? NoteNext;
    }

    private sealed class SalesImport(SalesScript script) : IExternalInterface
    {
        public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            run.Log.Info("Fetching sales");
            if (Interlocked.Exchange(ref script.NoteNext, null) is { } note)
            {
                run.Log.Info(note);
            }

            if (!script.FailNext)
            {
                run.Log.Info("12 sales imported");
                return;
            }

            script.FailNext = false;
            run.Log.Exchange(
                new ExchangeDetails
                {
                    Direction = InterfaceDirection.Outbound,
                    Method = "GET",
                    Target = "https://partner.example/sales",
                    StatusCode = 503,
                    Duration = TimeSpan.FromMilliseconds(120),
                    ResponseHeaders = XssHeader,
                    ResponseBody = "<img src=x onerror=\"window.__xssBody = 1\">",
                },
                "GET /sales answered 503",
                correlationId: "corr-42");
            var root = await run.Log.WriteAsync(new LogEntry { Level = ExecutionLogLevel.Error, Category = ErrorCategory.External, Message = "Partner answered 503 " + Xss }, cancellationToken);
            run.Log.Cascade("Sales of the window not imported", root);
        }
    }

    private sealed class SlowExport : IExternalInterface
    {
        public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            run.Log.Info("Exporting, until cancelled");
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>Signs in whoever the request names in <see cref="UserHeader"/>, with the role in <see cref="RoleHeader"/>.</summary>
    private sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var claims = new List<Claim> { new(ClaimTypes.Name, user.ToString()) };
            if (Request.Headers.TryGetValue(RoleHeader, out var role))
            {
                claims.Add(new Claim(ClaimTypes.Role, role.ToString()));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
