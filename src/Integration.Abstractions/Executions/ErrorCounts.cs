namespace Integration;

/// <summary>How many error lines of each category an execution logged.</summary>
/// <param name="External">External errors.</param>
/// <param name="Configuration">Configuration errors.</param>
/// <param name="Mapping">Mapping errors.</param>
/// <param name="Technical">Technical errors.</param>
/// <param name="Cascade">Cascade errors.</param>
public readonly record struct ErrorCounts(int External, int Configuration, int Mapping, int Technical, int Cascade)
{
    /// <summary>Gets the number of error lines of all categories.</summary>
    public int Total => External + Configuration + Mapping + Technical + Cascade;

    /// <summary>Gets the count of one category.</summary>
    /// <param name="category">The category.</param>
    public int this[ErrorCategory category] => category switch
    {
        ErrorCategory.External => External,
        ErrorCategory.Configuration => Configuration,
        ErrorCategory.Mapping => Mapping,
        ErrorCategory.Technical => Technical,
        ErrorCategory.Cascade => Cascade,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category."),
    };

    /// <summary>Returns these counts with one more error of a category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The new counts.</returns>
    public ErrorCounts Add(ErrorCategory category) => category switch
    {
        ErrorCategory.External => this with { External = External + 1 },
        ErrorCategory.Configuration => this with { Configuration = Configuration + 1 },
        ErrorCategory.Mapping => this with { Mapping = Mapping + 1 },
        ErrorCategory.Technical => this with { Technical = Technical + 1 },
        ErrorCategory.Cascade => this with { Cascade = Cascade + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category."),
    };
}
