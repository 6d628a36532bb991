namespace Integration;

/// <summary>Thrown when an operation names an execution that the store does not hold.</summary>
public sealed class ExecutionNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public ExecutionNotFoundException()
        : base("Execution not found.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ExecutionNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ExecutionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an id.</summary>
    /// <param name="executionId">The unknown id.</param>
    public ExecutionNotFoundException(ExecutionId executionId)
        : base($"Execution '{executionId}' does not exist in the execution store.")
    {
        ExecutionId = executionId;
    }

    /// <summary>Gets the unknown id, when known.</summary>
    public ExecutionId? ExecutionId { get; }
}
