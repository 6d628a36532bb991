namespace Integration;

/// <summary>Who to contact about the errors of a category: the diagnosis's contacts and the notifications' contact.</summary>
internal static class SupportContacts
{
    /// <summary>The provider for External errors, the configuration or mapping owner when registered, support otherwise.</summary>
    public static SupportContact For(ErrorCategory category, InterfaceDefinition? definition, string? supportContact) => category switch
    {
        ErrorCategory.External => new SupportContact(SupportContactRole.Provider, (definition?.Provider ?? ProviderInfo.Unknown).Name, definition?.Provider.Contact, category),
        ErrorCategory.Configuration when definition?.ConfigurationOwner is { } owner => new SupportContact(SupportContactRole.ConfigurationOwner, "Configuration owner", owner, category),
        ErrorCategory.Mapping when definition?.MappingOwner is { } owner => new SupportContact(SupportContactRole.MappingOwner, "Mapping owner", owner, category),
        _ => Support(supportContact, category),
    };

    /// <summary>Support itself, for a failure with no error line or a category no one else owns.</summary>
    public static SupportContact Support(string? supportContact, ErrorCategory? category)
        => new(SupportContactRole.Support, "Support", supportContact, category);

    /// <summary>
    /// The contact as one line of a notification or a log line: the provider by name and address (by name alone when no
    /// address is registered), an owner or support by address alone; null when no address is registered.
    /// </summary>
    public static string? Line(SupportContact contact) => contact.Role == SupportContactRole.Provider
        ? contact.Contact is null ? contact.Name : contact.ToString()
        : contact.Contact;
}
