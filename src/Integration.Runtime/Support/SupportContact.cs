namespace Integration;

/// <summary>Whom support contacts about an execution, and why.</summary>
/// <param name="Role">Why this contact: the category of error it answers for.</param>
/// <param name="Name">Who it is, e.g. the provider's name.</param>
/// <param name="Contact">How to reach them (an address, a phone number, a URL); null when none is registered.</param>
/// <param name="Category">The category of the root errors this contact answers for; null when the execution failed without an error line.</param>
public sealed record SupportContact(SupportContactRole Role, string Name, string? Contact, ErrorCategory? Category)
{
    /// <inheritdoc />
    public override string ToString() => Contact is null ? $"{Name} (no contact registered)" : $"{Name} <{Contact}>";
}
