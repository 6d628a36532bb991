namespace Integration;

/// <summary>Thrown by a connector to state a <see cref="ErrorCategory.Mapping"/> failure: Data could not be mapped between the two systems (an unknown product code, a malformed field).</summary>
public sealed class MappingException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    public MappingException()
        : this("Mapping error.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, written for support.</param>
    public MappingException(string message)
        : base(message, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, written for support.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public MappingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ErrorCategory Category => ErrorCategory.Mapping;
}
