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

    private protected string? ConfigurationOwnerValue { get; private set; }

    private protected string? MappingOwnerValue { get; private set; }

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

    /// <summary>Sets whom support contacts when the interface's configuration is wrong or missing; defaults to the host's support contact.</summary>
    /// <param name="contact">The owner's contact: an address, a team, a URL.</param>
    /// <returns>This builder.</returns>
    public TSelf ConfigurationOwner(string contact)
    {
        ConfigurationOwnerValue = Contact(contact, "configuration owner");
        return (TSelf)this;
    }

    /// <summary>Sets whom support contacts when data cannot be mapped between the two systems; defaults to the host's support contact.</summary>
    /// <param name="contact">The owner's contact: an address, a team, a URL.</param>
    /// <returns>This builder.</returns>
    public TSelf MappingOwner(string contact)
    {
        MappingOwnerValue = Contact(contact, "mapping owner");
        return (TSelf)this;
    }

    private string Contact(string contact, string role)
        => string.IsNullOrWhiteSpace(contact)
            ? throw new ArgumentException($"Interface '{InterfaceId}': the {role}'s contact is empty.", nameof(contact))
            : contact;
}
