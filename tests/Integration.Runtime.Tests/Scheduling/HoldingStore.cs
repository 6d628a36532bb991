using Integration.Storage.Conformance;

namespace Integration.Tests.Support;

/// <summary>
/// A store whose creates wait at a gate while told to (a slow database, seen from the scheduler's pass): it counts the
/// creates in flight and the most there were at once. A held create ends when released, or with its caller's
/// cancellation (the host stopping), having created nothing.
/// </summary>
public sealed class HoldingStore(IExecutionStore inner) : DelegatingStore(inner)
{
    private readonly SemaphoreSlim _gate = new(0);
    private readonly Lock _lock = new();
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reachAt = int.MaxValue;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Gets or sets a value indicating whether creates wait at the gate.</summary>
    public bool Holding { get; set; }

    /// <summary>Gets the most creates that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Gets the creates in flight now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Completes once <paramref name="count"/> creates are held at once.</summary>
    public Task HeldAsync(int count)
    {
        lock (_lock)
        {
            _reachAt = count;
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight >= count)
            {
                _reached.TrySetResult();
            }

            return _reached.Task;
        }
    }

    /// <summary>Lets <paramref name="count"/> held (or future) creates through.</summary>
    public void Release(int count) => _gate.Release(count);

    public override async ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        if (!Holding)
        {
            return await Inner.CreateAsync(execution, cancellationToken);
        }

        lock (_lock)
        {
            _inFlight++;
            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
            if (_inFlight >= _reachAt)
            {
                _reached.TrySetResult();
            }
        }

        try
        {
            await _gate.WaitAsync(cancellationToken);
            return await Inner.CreateAsync(execution, cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _inFlight--;
            }
        }
    }
}
