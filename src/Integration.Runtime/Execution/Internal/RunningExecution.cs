namespace Integration;

/// <summary>An execution this node is running: its log and the means to cancel it, with why.</summary>
internal sealed class RunningExecution : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private int _cancelReason = (int)ExecutionReason.None;
    private int _durationExceeded;

    public RunningExecution(Execution execution, ExecutionLog log)
    {
        Execution = execution;
        Log = log;
    }

    public Execution Execution { get; }

    public ExecutionLog Log { get; }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Gets why the execution was cancelled: <see cref="ExecutionReason.Timeout"/> or <see cref="ExecutionReason.Cancelled"/>; None if it was not.</summary>
    public ExecutionReason CancelReason => (ExecutionReason)Volatile.Read(ref _cancelReason);

    /// <summary>Gets who cancelled the execution, for its log line.</summary>
    public string? CancelMessage { get; private set; }

    /// <summary>Gets a value indicating whether the duration guard fired.</summary>
    public bool DurationExceeded => Volatile.Read(ref _durationExceeded) == 1;

    public Task<Execution> Completion { get; set; } = null!;

    public void MarkDurationExceeded() => Volatile.Write(ref _durationExceeded, 1);

    public void Cancel(ExecutionReason reason, string message)
    {
        // The first reason wins: a timeout followed by a host shutdown stays a timeout.
        if (Interlocked.CompareExchange(ref _cancelReason, (int)reason, (int)ExecutionReason.None) == (int)ExecutionReason.None)
        {
            CancelMessage = message;
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Ended meanwhile: nothing to cancel.
            }
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
