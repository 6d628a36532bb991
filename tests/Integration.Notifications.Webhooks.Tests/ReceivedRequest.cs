namespace Integration.Notifications.Webhooks.Tests;

/// <summary>One request as the receiver got it: its content type, its exact body bytes and its headers.</summary>
public sealed record ReceivedRequest(string? ContentType, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
