using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Integration;

internal sealed class InterfaceCatalog : IInterfaceCatalog
{
    private readonly ConcurrentDictionary<string, InterfaceRegistration> _byId = new(StringComparer.Ordinal);
    private readonly List<InterfaceRegistration> _ordered = [];
    private readonly Lock _gate = new();

    /// <summary>The catalog registered in <paramref name="services"/> (as an instance, by the first AddExecutions), or a new one registered now.</summary>
    public static InterfaceCatalog GetOrAdd(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(InterfaceCatalog) && descriptor.ImplementationInstance is InterfaceCatalog existing)
            {
                return existing;
            }
        }

        var catalog = new InterfaceCatalog();
        services.AddSingleton(catalog);
        services.AddSingleton<IInterfaceCatalog>(catalog);
        return catalog;
    }

    public IReadOnlyList<InterfaceDefinition> Interfaces
    {
        get
        {
            lock (_gate)
            {
                return _ordered.Select(r => r.Current).ToArray();
            }
        }
    }

    public IReadOnlyList<InterfaceRegistration> Registrations
    {
        get
        {
            lock (_gate)
            {
                return _ordered.ToArray();
            }
        }
    }

    public void Add(InterfaceRegistration registration)
    {
        lock (_gate)
        {
            if (!_byId.TryAdd(registration.Id, registration))
            {
                throw new ArgumentException($"Interface '{registration.Id}' is registered twice; interface ids must be unique.", nameof(registration));
            }

            _ordered.Add(registration);
        }
    }

    public InterfaceDefinition Get(string interfaceId) => GetRegistration(interfaceId).Current;

    public bool TryGet(string interfaceId, [NotNullWhen(true)] out InterfaceDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        definition = _byId.TryGetValue(interfaceId, out var registration) ? registration.Current : null;
        return definition is not null;
    }

    public InterfaceRegistration GetRegistration(string interfaceId)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        return _byId.TryGetValue(interfaceId, out var registration)
            ? registration
            : throw new KeyNotFoundException($"Interface '{interfaceId}' is not registered. Registered: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}.");
    }
}
