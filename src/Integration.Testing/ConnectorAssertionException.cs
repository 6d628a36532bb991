namespace Integration.Testing;

/// <summary>Thrown by the assertions of <see cref="ConnectorTestResult"/>; its message shows the execution's log.</summary>
public sealed class ConnectorAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorAssertionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected, and the log.</param>
    public ConnectorAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected, and the log.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
