namespace Integration;

/// <summary>Thrown by a connector to state a <see cref="ErrorCategory.External"/> failure: A problem talking to, or inside, the external system (it is down, it refused the call, it answered an error).</summary>
public sealed class ExternalSystemException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    public ExternalSystemException()
        : this("External error.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, written for support.</param>
    public ExternalSystemException(string message)
        : base(message, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, written for support.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public ExternalSystemException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ErrorCategory Category => ErrorCategory.External;
}
