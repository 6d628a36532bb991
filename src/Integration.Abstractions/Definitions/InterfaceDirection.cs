namespace Integration;

/// <summary>Who calls whom in an exchange with the external system.</summary>
/// <remarks>The stores keep these values as numbers: each member's value is explicit and must never change; a new member takes a new value.</remarks>
public enum InterfaceDirection
{
    /// <summary>The host calls the external system.</summary>
    Outbound = 0,

    /// <summary>The external system calls the host.</summary>
    Inbound = 1,
}
