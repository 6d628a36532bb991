using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Exports
{
    public static void Register(IServiceCollection services)
    {
        #region snippet:exports-registration
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .ConfigureSupport(o => o.SupportContact = "integration-support@host.example")   // technical errors, and the fallback
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i
                .Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example")
                .ConfigurationOwner("ops@host.example")            // optional: [CONFIGURATION] errors
                .MappingOwner("catalogue-team@host.example")       // optional: [MAPPING] errors
                .Cron("0 */2 * * *", "Europe/Zurich"))
            .AddExcelExport());                                     // Integration.Export.Excel: adds the "xlsx" format
        #endregion
    }

    public static async Task ExportKoAsync(IExecutionSupport support, HttpResponse response, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        #region snippet:exports-matching
        await support.ExportMatchingAsync(
            new ExecutionQuery { InterfaceId = "fnac-sales", Status = ExecutionStatus.KO, StartedFrom = from, StartedBefore = to },
            ExportFormats.Xlsx, response.Body, ct);
        #endregion
    }
}
