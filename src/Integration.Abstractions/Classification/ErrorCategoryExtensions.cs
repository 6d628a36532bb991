namespace Integration;

/// <summary>What support reads for each <see cref="ErrorCategory"/>.</summary>
public static class ErrorCategoryExtensions
{
    /// <summary>Gets the action support should take for an error of this category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The action, one sentence.</returns>
    public static string Action(this ErrorCategory category) => category switch
    {
        ErrorCategory.External => "Re-run; if it still fails, contact the provider.",
        ErrorCategory.Configuration => "Check the configuration.",
        ErrorCategory.Mapping => "Check the mappings.",
        ErrorCategory.Technical => "Contact support.",
        ErrorCategory.Cascade => "Look at the errors above.",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category."),
    };

    /// <summary>Gets what the category means, one sentence.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The meaning.</returns>
    public static string Meaning(this ErrorCategory category) => category switch
    {
        ErrorCategory.External => "A problem talking to, or inside, the external system.",
        ErrorCategory.Configuration => "Our configuration is wrong or missing.",
        ErrorCategory.Mapping => "Data could not be mapped between the two systems.",
        ErrorCategory.Technical => "An unexpected technical error in our code.",
        ErrorCategory.Cascade => "A consequence of an earlier error in the same execution.",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category."),
    };

    /// <summary>Gets the indicator shown at the start of an error line, e.g. <c>[EXTERNAL]</c>.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The indicator.</returns>
    public static string Indicator(this ErrorCategory category) => category switch
    {
        ErrorCategory.External => "[EXTERNAL]",
        ErrorCategory.Configuration => "[CONFIGURATION]",
        ErrorCategory.Mapping => "[MAPPING]",
        ErrorCategory.Technical => "[TECHNICAL]",
        ErrorCategory.Cascade => "[CASCADE]",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category."),
    };
}
