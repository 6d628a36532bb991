namespace Integration;

internal sealed class RealTimeCallContext(DailyDay day, CallLog log, IServiceProvider services, string correlationId, string operation, InterfaceDirection direction, CancellationToken cancellationToken)
    : IRealTimeCallContext
{
    public Execution Execution => day.Execution;

    public InterfaceDefinition Interface => day.Registration.Definition;

    public ExecutionWindow Window => day.Execution.Window;

    public IExecutionLog Log { get; } = log;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string CorrelationId { get; } = correlationId;

    public string Operation { get; } = operation;

    public InterfaceDirection Direction { get; } = direction;
}
