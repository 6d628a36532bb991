namespace Integration;

/// <summary>The level of a line in an execution's log.</summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum ExecutionLogLevel
{
    /// <summary>Detail for developers.</summary>
    Debug = 0,

    /// <summary>What happened.</summary>
    Information = 1,

    /// <summary>Something support may want to know; does not make the execution KO.</summary>
    Warning = 2,

    /// <summary>An error: makes the execution KO and carries an <see cref="ErrorCategory"/>.</summary>
    Error = 3,
}
