namespace Integration;

/// <summary>Thrown by a connector to state a <see cref="ErrorCategory.Configuration"/> failure: Our configuration is wrong or missing (a missing setting, a wrong credential, an unknown endpoint).</summary>
public sealed class ConfigurationException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException()
        : this("Configuration error.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, written for support.</param>
    public ConfigurationException(string message)
        : base(message, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, written for support.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public ConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override ErrorCategory Category => ErrorCategory.Configuration;
}
