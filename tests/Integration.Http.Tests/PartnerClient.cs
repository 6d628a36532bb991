namespace Integration.Http.Tests;

/// <summary>A typed client, as a connector would have one.</summary>
public sealed class PartnerClient(HttpClient http)
{
    public HttpClient Http { get; } = http;
}
