using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Starts the heartbeat of each execution this node runs.</summary>
internal sealed class ExecutionLeases(IExecutionStore store, TimeProvider time, IOptions<LeaseOptions> leaseOptions, IOptions<ExecutionsOptions> options, ILogger<ExecutionLeases> logger)
{
    private readonly TimeSpan _interval = leaseOptions.Value.HeartbeatInterval;
    private readonly string _nodeId = options.Value.NodeId;

    /// <summary>Renews the execution's lease until the returned heartbeat is disposed.</summary>
    public ExecutionHeartbeat Hold(RunningExecution handle) => new(handle, store, time, _interval, _nodeId, logger);
}
