using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Where an operator's run now or re-run starts: on an executing host, in this host's runner; on a host that only
/// operates, as a run request in the store, which an executing node claims and starts. The operate-only host then
/// watches the store (every poll interval, by its <see cref="TimeProvider"/>) for the execution to start, and hands back
/// a run whose completion watches it end.
/// </summary>
internal sealed class ExecutionStarts(
    ExecutionRunner runner,
    IExecutionStore store,
    TimeProvider time,
    IOptions<ExecutionsOptions> options,
    IOptions<RunRequestOptions> requestOptions,
    ILogger<ExecutionStarts> logger)
    : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Starts the execution here, or requests it from an executing node when this host only operates.</summary>
    public ValueTask<ExecutionRun> StartAsync(ExecutionRequest request, CancellationToken cancellationToken)
        => options.Value.OperateOnly ? RequestAsync(request, cancellationToken) : runner.StartAsync(request, cancellationToken);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async ValueTask<ExecutionRun> RequestAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        if (request.UniqueKey is not null)
        {
            throw new InvalidOperationException(
                $"Interface '{request.Registration.Id}': this host only operates (OperateOnly), so it runs no occurrence; the schedulers of the executing nodes run them.");
        }

        var stored = await store.RequestRunAsync(
            new RunRequest
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                InterfaceId = request.Registration.Id,
                Trigger = request.Trigger,
                Window = request.Window,
                RerunOf = request.RerunOf,
                Actor = request.Action?.Actor,
            },
            cancellationToken).ConfigureAwait(false);
        RunRequestLog.Stored(logger, stored.Id, stored.InterfaceId);
        var execution = await WaitStartedAsync(stored, cancellationToken).ConfigureAwait(false);

        // Skipped (overlap policy Skip) is an execution that ended at once, without running the connector.
        return new ExecutionRun(execution, started: execution.Reason != ExecutionReason.Skipped, WaitEndedAsync(execution));
    }

    private async Task<Execution> WaitStartedAsync(RunRequest request, CancellationToken cancellationToken)
    {
        // The execution holds the request's unique key: it is found whether or not its node recorded it on the request.
        var key = UniqueKeys.RunRequest(request.Id);
        var timeout = requestOptions.Value.StartTimeout;
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            if (await store.FindByUniqueKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } execution)
            {
                return execution;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException(
                    $"Run request {request.Id} for '{request.InterfaceId}' was not started within {timeout}: no executing node that registers " +
                    $"'{request.InterfaceId}' claimed it (is one running on this store, with its scheduler enabled?). The request stays stored: a node that starts later runs it.");
            }

            await Task.Delay(requestOptions.Value.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Execution> WaitEndedAsync(Execution execution)
    {
        var token = _disposed.Token;
        while (!execution.IsEnded)
        {
            await Task.Delay(requestOptions.Value.PollInterval, time, token).ConfigureAwait(false);
            execution = await store.GetAsync(execution.Id, token).ConfigureAwait(false) ?? throw new ExecutionNotFoundException(execution.Id);
        }

        return execution;
    }
}
