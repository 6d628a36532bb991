namespace Integration;

/// <summary>
/// The base of the exceptions a connector throws to state the category of a failure itself.
/// The built-in classifier gives each its <see cref="Category"/>.
/// </summary>
public abstract class IntegrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, written for support.</param>
    /// <param name="innerException">The exception that caused it, if any.</param>
    protected IntegrationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the category of the failure.</summary>
    public abstract ErrorCategory Category { get; }
}
