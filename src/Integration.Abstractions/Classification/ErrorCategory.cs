namespace Integration;

/// <summary>
/// Whose problem an error is, and so what support should do about it. Shown as an indicator at the start of
/// every error line; <see cref="ErrorCategoryExtensions.Action(ErrorCategory)"/> gives the action.
/// </summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum ErrorCategory
{
    /// <summary>A problem talking to, or inside, the external system. Re-run; if it still fails, contact the provider.</summary>
    External = 0,

    /// <summary>Our configuration is wrong or missing. Check the configuration.</summary>
    Configuration = 1,

    /// <summary>Data could not be mapped between the two systems. Check the mappings.</summary>
    Mapping = 2,

    /// <summary>An unexpected technical error in our code. Contact support.</summary>
    Technical = 3,

    /// <summary>A consequence of an earlier error in the same execution. Look at the errors above.</summary>
    Cascade = 4,
}
