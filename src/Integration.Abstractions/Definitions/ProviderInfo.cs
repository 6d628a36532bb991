namespace Integration;

/// <summary>The external party behind an interface, and whom support contacts there.</summary>
/// <param name="Name">The provider's name, e.g. "FNAC".</param>
/// <param name="Contact">The provider's support contact (an address, a phone number or a URL), if known.</param>
public sealed record ProviderInfo(string Name, string? Contact = null)
{
    /// <summary>The provider used when none was registered.</summary>
    public static ProviderInfo Unknown { get; } = new("Unknown");
}
