using Microsoft.Extensions.DependencyInjection;

namespace Integration.Sample;

/// <summary>The text support reads for an execution that holds errors.</summary>
internal static class Diagnosis
{
    public static async Task<string?> RenderAsync(IServiceProvider services, Execution execution, CancellationToken cancellationToken)
    {
        var diagnosis = await services.GetRequiredService<IExecutionSupport>().DiagnoseAsync(execution.Id, cancellationToken);
        return diagnosis.RootErrors.Count == 0 ? null : diagnosis.ToText();
    }
}
