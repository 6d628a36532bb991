using Microsoft.Extensions.DependencyInjection;
using System.Text;

namespace Integration.Sample;

/// <summary>The text support reads for an execution that holds errors.</summary>
internal static class Diagnosis
{
    public static async Task<string?> RenderAsync(IServiceProvider services, Execution execution, CancellationToken cancellationToken)
    {
        var operations = services.GetRequiredService<IExecutionOperations>();
        var catalog = services.GetRequiredService<IInterfaceCatalog>();
        var errors = await operations.ReadLogAsync(execution.Id, LogQuery.Errors, cancellationToken);
        var roots = errors.Where(e => e.Category != ErrorCategory.Cascade).Take(3).ToList();
        if (roots.Count == 0)
        {
            return null;
        }

        var definition = catalog.Get(execution.InterfaceId);
        var text = new StringBuilder()
            .AppendLine($"Diagnosis of {definition.DisplayName} ({execution.InterfaceId}), execution {execution.Id}: {execution.Status} ({execution.Reason})");
        foreach (var root in roots)
        {
            var category = root.Category!.Value;
            text.AppendLine($"  #{root.Sequence} {category.Indicator()} {root.Message}")
                .AppendLine($"      action: {category.Action()}");
            if (category == ErrorCategory.External)
            {
                text.AppendLine($"      contact: {definition.Provider.Name} <{definition.Provider.Contact}>");
            }
        }

        return text.ToString();
    }
}
