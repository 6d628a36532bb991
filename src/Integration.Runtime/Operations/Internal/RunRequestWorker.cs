using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// On an executing node (scheduler enabled, not operate-only), every poll interval: claims the run requests of the
/// scheduled interfaces this node registers (operators' runs from operate-only hosts, and automatic re-runs whose delay
/// has passed) and starts each through the runner, so overlap policy, audit line, lease
/// and heartbeat apply as to a run now asked here. The execution holds the request's unique key, so a request claimed
/// twice (its first node died, or its claim expired while it started) still starts once.
/// </summary>
internal sealed class RunRequestWorker(
    InterfaceCatalog catalog,
    ExecutionRunner runner,
    IExecutionStore store,
    TimeProvider time,
    IOptions<ExecutionsOptions> options,
    IOptions<RunRequestOptions> requestOptions,
    IOptions<LeaseOptions> leases,
    ILogger<RunRequestWorker> logger)
    : BackgroundService
{
    /// <summary>The most requests one poll claims; the rest wait for the next.</summary>
    public const int ClaimLimit = 16;

    /// <summary>Claims this node's share of the run requests and starts them; returns how many it claimed.</summary>
    public async Task<int> ClaimAndStartAsync(CancellationToken cancellationToken)
    {
        var interfaceIds = catalog.Registrations.Where(r => r.Cron is not null).Select(r => r.Id).ToList();
        if (interfaceIds.Count == 0)
        {
            return 0;
        }

        // A claim lasts a lease: a node that died holding it frees it when its executions would be abandoned.
        var claimed = await store.ClaimRunRequestsAsync(options.Value.NodeId, interfaceIds, ClaimLimit, leases.Value.LeaseTimeout, cancellationToken).ConfigureAwait(false);
        foreach (var request in claimed)
        {
            try
            {
                await StartAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                RunRequestLog.StartFailed(logger, e, request.Id, request.InterfaceId);
            }
        }

        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.OperateOnly || !options.Value.EnableScheduler)
        {
            return;
        }

        var interval = requestOptions.Value.PollInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ClaimAndStartAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    RunRequestLog.ClaimFailed(logger, e);
                }

                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var registration = catalog.GetRegistration(request.InterfaceId);
        // Asked by an operator on another host: recorded as the operator's action (unnamed when the request names no one).
        // An automatic re-run is nobody's action: its log opens with its attempt number instead.
        var action = request.Trigger == ExecutionTrigger.Retry ? null
            : request.RerunOf is { } original ? new OperatorAction(ExecutionActionKind.Rerun, request.Actor, original.ToString())
            : new OperatorAction(ExecutionActionKind.RunNow, request.Actor, Detail: null);
        var execution = new ExecutionRequest(registration, request.Trigger, request.Window, UniqueKeys.RunRequest(request.Id), request.RerunOf)
        {
            Action = action,
            RetryAttempt = request.Trigger == ExecutionTrigger.Retry ? request.Attempt ?? 1 : null,
        };
        var run = await runner.StartAsync(execution, cancellationToken).ConfigureAwait(false);
        await store.MarkRunRequestStartedAsync(request.Id, run.Id, cancellationToken).ConfigureAwait(false);
        RunRequestLog.Started(logger, request.Id, request.InterfaceId, options.Value.NodeId, run.Id);
    }
}
