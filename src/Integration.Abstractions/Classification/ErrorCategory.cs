namespace Integration;

/// <summary>
/// Whose problem an error is, and so what support should do about it. Shown as an indicator at the start of
/// every error line; <see cref="ErrorCategoryExtensions.Action(ErrorCategory)"/> gives the action.
/// </summary>
public enum ErrorCategory
{
    /// <summary>A problem talking to, or inside, the external system. Re-run; if it still fails, contact the provider.</summary>
    External,

    /// <summary>Our configuration is wrong or missing. Check the configuration.</summary>
    Configuration,

    /// <summary>Data could not be mapped between the two systems. Check the mappings.</summary>
    Mapping,

    /// <summary>An unexpected technical error in our code. Contact support.</summary>
    Technical,

    /// <summary>A consequence of an earlier error in the same execution. Look at the errors above.</summary>
    Cascade,
}
