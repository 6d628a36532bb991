namespace Integration;

/// <summary>A request, stored on a running execution, that its node cancel it: who asked and when (by the store's clock).</summary>
/// <param name="RequestedBy">Who asked, as the caller's identity names them; null when not said.</param>
/// <param name="RequestedAt">When the store recorded the request.</param>
public sealed record CancelRequest(string? RequestedBy, DateTimeOffset RequestedAt);
