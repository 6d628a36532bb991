namespace Integration;

/// <summary>What scheduled and real-time interface builders share: type, provider and display name.</summary>
/// <typeparam name="TSelf">The builder type, for chaining.</typeparam>
public abstract class InterfaceBuilderBase<TSelf>
    where TSelf : InterfaceBuilderBase<TSelf>
{
    private protected InterfaceBuilderBase(string interfaceId) => InterfaceId = interfaceId;

    /// <summary>Gets the id of the interface being registered.</summary>
    public string InterfaceId { get; }

    private protected string? DisplayNameValue { get; private set; }

    private protected InterfaceType TypeValue { get; private set; }

    private protected ProviderInfo ProviderValue { get; private set; } = ProviderInfo.Unknown;

    /// <summary>Sets the name shown to people; defaults to the id.</summary>
    /// <param name="displayName">The name.</param>
    /// <returns>This builder.</returns>
    public TSelf DisplayName(string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        DisplayNameValue = displayName;
        return (TSelf)this;
    }

    /// <summary>Sets the interface's type, e.g. <see cref="InterfaceType.ExternalSales"/>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>This builder.</returns>
    public TSelf Type(InterfaceType type)
    {
        TypeValue = type;
        return (TSelf)this;
    }

    /// <summary>Sets the external party and its support contact.</summary>
    /// <param name="name">The provider's name.</param>
    /// <param name="contact">Its support contact, if known.</param>
    /// <returns>This builder.</returns>
    public TSelf Provider(string name, string? contact = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"Interface '{InterfaceId}': the provider's name is empty.", nameof(name));
        }

        ProviderValue = new ProviderInfo(name, contact);
        return (TSelf)this;
    }
}
