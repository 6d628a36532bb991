using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// Keeps one running execution's lease: renews it every heartbeat interval (a <see cref="TimeProvider"/> timer) and,
/// when the store says the lease is lost (a renewal or an append refused), cancels the connector once and says so in
/// the host's log — the store no longer records anything from this node for that execution. Each renewal also reads
/// the cancel request stored on the execution (asked on any node): one found cancels the connector, reason Cancelled.
/// </summary>
internal sealed class ExecutionHeartbeat : IAsyncDisposable
{
    private readonly RunningExecution _handle;
    private readonly IExecutionStore _store;
    private readonly string _nodeId;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private int _renewing;
    private int _lost;
    private volatile bool _disposed;

    public ExecutionHeartbeat(RunningExecution handle, IExecutionStore store, TimeProvider time, TimeSpan interval, string nodeId, ILogger logger)
    {
        _handle = handle;
        _store = store;
        _nodeId = nodeId;
        _logger = logger;
        handle.Log.Fenced += OnFenced;
        _timer = time.CreateTimer(static state => ((ExecutionHeartbeat)state!).Beat(), this, interval, interval);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _handle.Log.Fenced -= OnFenced;
        await _timer.DisposeAsync().ConfigureAwait(false);
    }

    private void Beat()
    {
        // One renewal at a time: a slow store must not pile renewals up.
        if (_disposed || Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        _ = RenewAsync();
    }

    private async Task RenewAsync()
    {
        try
        {
            var renewal = await _store.RenewLeaseAndReadCancelAsync(_handle.Execution.Id, _nodeId, CancellationToken.None).ConfigureAwait(false);
            if (!renewal.Renewed && !_disposed)
            {
                Lose("the store refused to renew it");
            }
            else if (renewal.CancelRequest is { } request && !_disposed)
            {
                // Asked on any node (this one included, when the call raced the start): the first cancel reason stands.
                _handle.Cancel(ExecutionReason.Cancelled, CancelText.Requested(request));
            }
        }
        catch (Exception e)
        {
            LeaseLog.RenewFailed(_logger, e, _handle.Execution.Id);
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private void OnFenced() => Lose("the store refused a log line");

    private void Lose(string why)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 1)
        {
            return;
        }

        LeaseLog.LeaseLost(_logger, _handle.Execution.Id, _nodeId, why);
        _handle.Cancel(ExecutionReason.Abandoned, $"node '{_nodeId}' lost its lease");
    }
}
