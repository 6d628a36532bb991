namespace Integration;

/// <summary>One notification on its way: the bytes and signature every attempt sends unchanged, and how many attempts were made.</summary>
internal sealed class WebhookDelivery(string notificationId, ReadOnlyMemory<byte> body, string mediaType, string? charSet, string signature)
{
    public string NotificationId { get; } = notificationId;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public string MediaType { get; } = mediaType;

    public string? CharSet { get; } = charSet;

    public string Signature { get; } = signature;

    /// <summary>Gets or sets how many attempts were sent; attempts run one after the other.</summary>
    public int Attempts { get; set; }
}
