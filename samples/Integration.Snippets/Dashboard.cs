using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Dashboard
{
    public static WebApplication Setup(WebApplicationBuilder builder)
    {
        #region snippet:dashboard-setup
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy("support", p => p.RequireAuthenticatedUser());                 // who may see the console
            o.AddPolicy("support-operators", p => p.RequireRole("integration-operator")); // who may act
        });
        builder.Services.AddExecutions(x => x
            .UseSqliteStore("Data Source=integrations.db")
            .AddExcelExport()                                    // the console then offers .xlsx exports
            .AddDashboard(o =>
            {
                o.ViewerPolicy = "support";
                o.OperatorPolicy = "support-operators";          // null: the console is read-only
            }));

        var app = builder.Build();
        app.UseAuthentication();                                 // the host's own sign-in (cookies, OpenID Connect…)
        app.MapIntegrationDashboard("/integrations");            // the route group, for more conventions
        #endregion
        return app;
    }

    public static void PathBase(WebApplication app)
    {
        #region snippet:dashboard-path-base
        app.UsePathBase("/ops");                                 // or a proxy that forwards /ops/integrations/…
        app.MapIntegrationDashboard("/integrations");            // served at /ops/integrations/, links stay relative
        #endregion
    }
}
