using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// An <see cref="ILoggerProvider"/> whose loggers copy each line into the execution the calling code runs in.
/// Outside any execution they are disabled and cost one check.
/// </summary>
[ProviderAlias("ExecutionLog")]
internal sealed class ExecutionLogBridgeProvider(IExecutionContextAccessor accessor, IOptions<ExecutionLogBridgeOptions> options) : ILoggerProvider
{
    private readonly ExecutionLogBridgeOptions _options = options.Value;

    public ILogger CreateLogger(string categoryName)
        => IsExcluded(categoryName) ? NullLogger.Instance : new ExecutionLogBridgeLogger(categoryName, accessor, _options.MinLevel);

    public void Dispose()
    {
    }

    private bool IsExcluded(string category)
        => IsRuntimeCategory(category) || _options.ExcludedCategories.Any(prefix => category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The runtime's and its packages' types live in the root <c>Integration</c> namespace (stores in
    /// <c>Integration.Storage.*</c>): their lines already are the execution's own, or the host's.
    /// </summary>
    private static bool IsRuntimeCategory(string category)
    {
        const string Root = "Integration.";
        if (!category.StartsWith(Root, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = category.AsSpan(Root.Length);
        return !rest.Contains('.') || rest.StartsWith("Storage.", StringComparison.Ordinal) || rest.StartsWith("Export.", StringComparison.Ordinal);
    }
}
