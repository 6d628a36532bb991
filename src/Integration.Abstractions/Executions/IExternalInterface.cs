namespace Integration;

/// <summary>
/// A connector: the code that talks to one external system. One instance is resolved per execution, in the
/// execution's own DI scope. A connector should be idempotent: it works on <see cref="IExecutionContext.Window"/>,
/// so that a re-run repeats the same effects.
/// </summary>
public interface IExternalInterface
{
    /// <summary>Runs one execution.</summary>
    /// <param name="run">The execution's window, log and services.</param>
    /// <param name="cancellationToken">Cancelled when the execution must stop.</param>
    /// <returns>A task that completes when the execution's work is done. A faulted task makes the execution KO.</returns>
    Task RunAsync(IExecutionContext run, CancellationToken cancellationToken);
}
