namespace Integration.Tests.Support;

/// <summary>A connector whose behaviour each test scripts, per interface id.</summary>
public sealed class ScriptedConnector(ConnectorScripts scripts) : IExternalInterface
{
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        => scripts.For(run.Interface.Id)(run, cancellationToken);
}

/// <summary>The scripts of <see cref="ScriptedConnector"/>; an interface with no script does nothing.</summary>
public sealed class ConnectorScripts
{
    private readonly Dictionary<string, Func<IExecutionContext, CancellationToken, Task>> _scripts = [];

    public ConnectorScripts Set(string interfaceId, Func<IExecutionContext, CancellationToken, Task> script)
    {
        _scripts[interfaceId] = script;
        return this;
    }

    public ConnectorScripts Set(string interfaceId, Action<IExecutionContext> script)
        => Set(interfaceId, (run, _) =>
        {
            script(run);
            return Task.CompletedTask;
        });

    public Func<IExecutionContext, CancellationToken, Task> For(string interfaceId)
        => _scripts.TryGetValue(interfaceId, out var script) ? script : (_, _) => Task.CompletedTask;
}
