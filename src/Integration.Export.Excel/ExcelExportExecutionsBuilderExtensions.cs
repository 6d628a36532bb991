using Integration.Export.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integration;

/// <summary>Adds the Excel (.xlsx) export to the execution runtime.</summary>
public static class ExcelExportExecutionsBuilderExtensions
{
    /// <summary>
    /// Adds the <c>xlsx</c> format to <see cref="IExecutionSupport"/>: a workbook with a "Summary" sheet (one row per
    /// execution, with its diagnosis) and a "Log" sheet (one row per log line, errors filled red), streamed from the store
    /// page by page. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddExcelExport(this IExecutionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutionExporter, ExcelExecutionExporter>());
        return builder;
    }
}
