using System.Diagnostics.Metrics;

namespace Integration.Benchmarks;

/// <summary>
/// Tells when a number of executions have ended, by listening to the runtime's <c>integration.execution.ended</c>
/// counter (counted after the store recorded the end), in every host of the process. Only that counter is enabled:
/// a host exporting its metrics pays as much.
/// </summary>
public sealed class EndedExecutions : IDisposable
{
    private readonly MeterListener _listener = new();
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _remaining;
    private long _total;

    /// <summary>Starts listening.</summary>
    public EndedExecutions()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Integration" && instrument.Name == "integration.execution.ended")
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, _, state) => ((EndedExecutions)state!).Ended(value));
        _listener.Start();
    }

    /// <summary>Gets how many executions ended since the listener started.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Expects <paramref name="count"/> more executions to end; the returned task completes when they have.</summary>
    public Task Expect(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _remaining, count);
        return _done.Task;
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Ended(long value)
    {
        Interlocked.Add(ref _total, value);
        if (Interlocked.Add(ref _remaining, -value) == 0)
        {
            _done.TrySetResult();
        }
    }
}
