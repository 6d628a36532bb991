using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Integration;

internal sealed class InterfaceCatalog : IInterfaceCatalog
{
    private readonly ConcurrentDictionary<string, InterfaceRegistration> _byId = new(StringComparer.Ordinal);
    private readonly List<InterfaceRegistration> _ordered = [];
    private readonly Lock _gate = new();

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
