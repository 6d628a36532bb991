using System.Reflection;

namespace Integration.HealthChecks.Tests;

/// <summary>
/// A store that is down: the call the store check makes either never answers (and ignores its token) or throws.
/// A proxy rather than a class implementing the store, so it needs no change when the store contract grows.
/// </summary>
public class OutageStore : DispatchProxy
{
    public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? Failure { get; set; }

    public static (IExecutionStore Store, OutageStore Outage) Create(Exception? failure = null)
    {
        var store = DispatchProxy.Create<IExecutionStore, OutageStore>();
        var outage = (OutageStore)(object)store;
        outage.Failure = failure;
        return (store, outage);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name != nameof(IExecutionStore.GetScheduleStatesAsync))
        {
            throw new NotSupportedException($"The store is down: {targetMethod?.Name}.");
        }

        Called.TrySetResult();
        return Failure is { } failure
            ? ValueTask.FromException<IReadOnlyDictionary<string, ScheduleState>>(failure)
            : new ValueTask<IReadOnlyDictionary<string, ScheduleState>>(new TaskCompletionSource<IReadOnlyDictionary<string, ScheduleState>>().Task);
    }
}
