using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Dashboard.Tests;

/// <summary>Counts the calls made to <see cref="IExecutionOperations"/>, by method name, and passes them on.</summary>
public class CountingOperations : DispatchProxy
{
    private IExecutionOperations _inner = null!;

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Wraps the registered operations in a counting proxy, registered as the one <see cref="IExecutionOperations"/>.</summary>
    public static CountingOperations Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IExecutionOperations));
        var implementation = registered.ImplementationType ?? throw new InvalidOperationException("The operations are not registered by type.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(implementation, implementation, registered.Lifetime));
        var proxy = Create<IExecutionOperations, CountingOperations>();
        var counting = (CountingOperations)(object)proxy;
        services.Add(new ServiceDescriptor(typeof(IExecutionOperations), sp =>
        {
            counting._inner = (IExecutionOperations)sp.GetRequiredService(implementation);
            return proxy;
        }, registered.Lifetime));
        return counting;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.AddOrUpdate(targetMethod.Name, 1, (_, n) => n + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
