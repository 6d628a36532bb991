namespace Integration;

/// <summary>The level of a line in an execution's log.</summary>
public enum ExecutionLogLevel
{
    /// <summary>Detail for developers.</summary>
    Debug,

    /// <summary>What happened.</summary>
    Information,

    /// <summary>Something support may want to know; does not make the execution KO.</summary>
    Warning,

    /// <summary>An error: makes the execution KO and carries an <see cref="ErrorCategory"/>.</summary>
    Error,
}
