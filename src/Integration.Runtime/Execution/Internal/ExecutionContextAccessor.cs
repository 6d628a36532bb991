namespace Integration;

/// <summary>Flows the current execution with the asynchronous call, like <see cref="AsyncLocal{T}"/> does.</summary>
internal sealed class ExecutionContextAccessor : IExecutionContextAccessor
{
    private static readonly AsyncLocal<IExecutionContext?> CurrentContext = new();

    public IExecutionContext? Current => CurrentContext.Value;

    /// <summary>Sets the current execution for the rest of the calling flow; the caller restores it when done.</summary>
    public static IExecutionContext? Enter(IExecutionContext? context)
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = context;
        return previous;
    }
}
