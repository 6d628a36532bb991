namespace Integration;

/// <summary>
/// The type of an external interface: an open set of names. <see cref="ExternalSales"/>,
/// <see cref="PublicWebServices"/> and <see cref="Exports"/> are well known (support triage relies on them);
/// any other non-empty name may be used.
/// </summary>
public readonly struct InterfaceType : IEquatable<InterfaceType>
{
    /// <summary>Sales received from (or fetched at) an external partner.</summary>
    public static InterfaceType ExternalSales { get; } = new("ExternalSales");

    /// <summary>Web services the host exposes to, or calls at, the public.</summary>
    public static InterfaceType PublicWebServices { get; } = new("PublicWebServices");

    /// <summary>Data the host exports to an external system.</summary>
    public static InterfaceType Exports { get; } = new("Exports");

    /// <summary>Creates a type with the given name.</summary>
    /// <param name="name">The type's name, compared ordinally and case-insensitively.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public InterfaceType(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    private readonly string? _name;

    /// <summary>Gets the type's name; <c>Unspecified</c> for the default value.</summary>
    public string Name => _name ?? "Unspecified";

    /// <summary>Gets a value indicating whether this type is one whose analysis can go to API support.</summary>
    public bool IsApiSupportType => Equals(ExternalSales) || Equals(PublicWebServices) || Equals(Exports);

    /// <inheritdoc />
    public bool Equals(InterfaceType other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InterfaceType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Compares two types by name.</summary>
    public static bool operator ==(InterfaceType left, InterfaceType right) => left.Equals(right);

    /// <summary>Compares two types by name.</summary>
    public static bool operator !=(InterfaceType left, InterfaceType right) => !left.Equals(right);
}
