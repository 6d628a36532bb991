namespace Integration;

/// <summary>The interfaces registered in the host.</summary>
public interface IInterfaceCatalog
{
    /// <summary>Gets every registered interface, in registration order.</summary>
    IReadOnlyList<InterfaceDefinition> Interfaces { get; }

    /// <summary>Gets a registered interface.</summary>
    /// <param name="interfaceId">Its id.</param>
    /// <returns>The interface.</returns>
    /// <exception cref="KeyNotFoundException">No interface has that id.</exception>
    InterfaceDefinition Get(string interfaceId);

    /// <summary>Tries to get a registered interface.</summary>
    /// <param name="interfaceId">Its id.</param>
    /// <param name="definition">The interface, when registered.</param>
    /// <returns>Whether it is registered.</returns>
    bool TryGet(string interfaceId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InterfaceDefinition? definition);
}
