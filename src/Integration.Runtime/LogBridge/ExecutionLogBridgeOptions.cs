using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>Settings of the bridge that copies <see cref="ILogger"/> lines written inside an execution into it.</summary>
public sealed class ExecutionLogBridgeOptions
{
    /// <summary>
    /// Gets or sets the lowest level copied into the execution. Defaults to <see cref="LogLevel.Information"/>.
    /// The host's logging filters apply first: a level they filter out never reaches the bridge.
    /// </summary>
    public LogLevel MinLevel { get; set; } = LogLevel.Information;

    /// <summary>
    /// Gets the category prefixes never copied (ordinal, case-insensitive). Defaults to the framework categories that
    /// would repeat what exchange capture already records: System.Net.Http.HttpClient, Microsoft.AspNetCore,
    /// Microsoft.Extensions.Hosting and Microsoft.Hosting. The runtime's own categories are never copied.
    /// </summary>
    public ISet<string> ExcludedCategories { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "System.Net.Http.HttpClient", "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting", "Microsoft.Hosting",
    };
}
