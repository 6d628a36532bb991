namespace Integration.Storage;

/// <summary>
/// What every store checks and trims of the notification outbox the same way (the in-memory store links this file
/// too): the notification's required fields and its id's length, and the error a failed delivery keeps.
/// </summary>
internal static class NotificationRules
{
    /// <summary>The longest notification id, in characters.</summary>
    public const int MaxIdLength = 200;

    /// <summary>The most characters of a failed delivery's error the store keeps.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>Throws when a notification cannot be stored: a missing id, interface or payload, or an id too long.</summary>
    public static void Validate(StoredNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrEmpty(notification.Id, nameof(notification));
        ArgumentNullException.ThrowIfNull(notification.InterfaceId, nameof(notification));
        ArgumentNullException.ThrowIfNull(notification.Payload, nameof(notification));
        if (notification.Id.Length > MaxIdLength)
        {
            throw new ArgumentException($"A notification id is at most {MaxIdLength} characters; '{notification.Id[..40]}…' has {notification.Id.Length}.", nameof(notification));
        }
    }

    /// <summary>Keeps the first <see cref="MaxErrorLength"/> characters of an error, never half of a surrogate pair.</summary>
    public static string? Trim(string? error)
    {
        if (error is null || error.Length <= MaxErrorLength)
        {
            return error;
        }

        return error[..(char.IsHighSurrogate(error[MaxErrorLength - 1]) ? MaxErrorLength - 1 : MaxErrorLength)];
    }
}
