using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Integration.Storage.Conformance;

/// <summary>
/// A store that records the name of every call made to it, then hands it on. A proxy rather than a
/// <see cref="DelegatingStore"/>: a member added to <see cref="IExecutionStore"/> later is counted too, so a test that
/// bounds the calls of an operation cannot pass by missing one.
/// </summary>
public class CountingStore : DispatchProxy
{
    private readonly ConcurrentQueue<string> _calls = new();
    private IExecutionStore _inner = null!;

    /// <summary>Gets the calls made since the last <see cref="Reset"/>, in order.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Wraps a store.</summary>
    /// <param name="inner">The store that answers.</param>
    /// <returns>The counting store, and the object that reads its calls.</returns>
    public static (IExecutionStore Store, CountingStore Counter) Wrap(IExecutionStore inner)
    {
        var store = Create<IExecutionStore, CountingStore>();
        var counter = (CountingStore)(object)store;
        counter._inner = inner;
        return (store, counter);
    }

    /// <summary>Forgets the calls made so far.</summary>
    public void Reset() => _calls.Clear();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.Enqueue(targetMethod.Name);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
