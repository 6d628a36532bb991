namespace Integration;

internal sealed class RunContext(Execution execution, InterfaceDefinition definition, IExecutionLog log, IServiceProvider services, CancellationToken cancellationToken)
    : IExecutionContext
{
    public Execution Execution { get; } = execution;

    public InterfaceDefinition Interface { get; } = definition;

    public ExecutionWindow Window => Execution.Window;

    public IExecutionLog Log { get; } = log;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
