namespace Integration;

/// <summary>Who calls whom in an exchange with the external system.</summary>
public enum InterfaceDirection
{
    /// <summary>The host calls the external system.</summary>
    Outbound,

    /// <summary>The external system calls the host.</summary>
    Inbound,
}
