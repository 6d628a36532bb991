namespace Integration;

/// <summary>Why support contacts someone about an execution.</summary>
public enum SupportContactRole
{
    /// <summary>The external party behind the interface: for <see cref="ErrorCategory.External"/> errors.</summary>
    Provider,

    /// <summary>The owner of the interface's configuration: for <see cref="ErrorCategory.Configuration"/> errors.</summary>
    ConfigurationOwner,

    /// <summary>The owner of the interface's mappings: for <see cref="ErrorCategory.Mapping"/> errors.</summary>
    MappingOwner,

    /// <summary>The host's support: for <see cref="ErrorCategory.Technical"/> errors, and when no owner is registered.</summary>
    Support,
}
