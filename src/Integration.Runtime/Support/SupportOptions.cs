using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>Host-wide settings of diagnosis and export. Validated when the host starts.</summary>
public sealed class SupportOptions
{
    /// <summary>The default number of root errors a diagnosis reports.</summary>
    public const int DefaultRootErrorCount = 5;

    /// <summary>The default number of failed calls a diagnosis lists.</summary>
    public const int DefaultFailedCallCount = 20;

    /// <summary>The default cap on executions exported by one query.</summary>
    public const int DefaultMaxExportedExecutions = 1000;

    /// <summary>
    /// Gets or sets whom support staff contact for technical errors (an address, a team, a URL), and for configuration
    /// and mapping errors of interfaces that registered no owner. Null when the host has none.
    /// </summary>
    [NotBlank]
    public string? SupportContact { get; set; }

    /// <summary>Gets or sets how many root (non-cascade) errors a diagnosis reports; from 1 to 100, defaults to 5.</summary>
    [Range(1, 100)]
    public int RootErrorCount { get; set; } = DefaultRootErrorCount;

    /// <summary>Gets or sets how many failed calls a diagnosis of a daily execution lists; from 1 to 1,000, defaults to 20.</summary>
    [Range(1, 1000)]
    public int FailedCallCount { get; set; } = DefaultFailedCallCount;

    /// <summary>Gets or sets the most executions one export by query holds; from 1 to 100,000, defaults to 1,000.</summary>
    [Range(1, 100_000)]
    public int MaxExportedExecutions { get; set; } = DefaultMaxExportedExecutions;
}
