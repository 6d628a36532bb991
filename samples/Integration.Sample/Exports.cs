using Microsoft.Extensions.DependencyInjection;

namespace Integration.Sample;

/// <summary>Writes the Excel export an expert needs about an execution: its summary, diagnosis and whole log.</summary>
internal static class Exports
{
    public static async Task<IReadOnlyList<string>> WriteAsync(IServiceProvider services, Execution execution, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.GetFullPath(Path.Combine(folder, $"{execution.InterfaceId}-{execution.Id}.xlsx"));
        var file = File.Create(path);
        await using (file)
        {
            await services.GetRequiredService<IExecutionSupport>().ExportAsync(execution.Id, ExportFormats.Xlsx, file, cancellationToken);
        }

        return [path];
    }
}
