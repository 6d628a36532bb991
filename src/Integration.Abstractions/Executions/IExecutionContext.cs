namespace Integration;

/// <summary>
/// What a connector is given for one execution. Named so that it does not clash with
/// <see cref="System.Threading.ExecutionContext"/>; by convention the parameter is called <c>run</c>.
/// </summary>
public interface IExecutionContext
{
    /// <summary>Gets the execution as it was when the connector started.</summary>
    Execution Execution { get; }

    /// <summary>Gets the interface being run.</summary>
    InterfaceDefinition Interface { get; }

    /// <summary>Gets what to work on. Work on the window, never on "now": a re-run then repeats the same effects.</summary>
    ExecutionWindow Window { get; }

    /// <summary>Gets the execution's log.</summary>
    IExecutionLog Log { get; }

    /// <summary>Gets the services of the execution's own DI scope.</summary>
    IServiceProvider Services { get; }

    /// <summary>Gets the token cancelled when the host stops, an operator cancels the execution, or the duration guard cancels it.</summary>
    CancellationToken CancellationToken { get; }
}
