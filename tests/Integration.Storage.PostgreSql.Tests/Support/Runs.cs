using System.Collections.Concurrent;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>What the nodes' connectors did, shared by every node of a test.</summary>
public sealed class Runs
{
    public ConcurrentDictionary<DateTimeOffset, int> ByWindowEnd { get; } = new();

    /// <summary>Gets or sets what the connector does after counting its run.</summary>
    public Func<IExecutionContext, CancellationToken, Task>? Then { get; set; }
}
