namespace Integration.AspNetCore.Tests.Secrets;

/// <summary>
/// One way a secret travels in an exchange, built around the secret: where it is in the URL, the request's headers
/// and body, the response's headers and body, and a message the code handling the exchange writes.
/// </summary>
public sealed record SecretCase(string Name)
{
    public string PathAndQuery { get; init; } = "/";

    public string? UserInfo { get; init; }

    public IReadOnlyDictionary<string, string> RequestHeaders { get; init; } = new Dictionary<string, string>();

    public string? RequestBody { get; init; }

    public string RequestContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    public string? ResponseBody { get; init; }

    public string ResponseContentType { get; init; } = "application/json";

    public string? Message { get; init; }

    public override string ToString() => Name;

    /// <summary>Every case of issue 14, each around the secret <paramref name="s"/>.</summary>
    public static IEnumerable<SecretCase> All(string s) =>
    [
        new("xml element") { RequestBody = $"<Login><User>ann</User><Password>{s}</Password></Login>", RequestContentType = "application/xml", ResponseBody = $"<r><a:ClientSecret>{s}</a:ClientSecret></r>", ResponseContentType = "text/xml" },
        new("xml attribute") { RequestBody = $"<Login user=\"ann\" password=\"{s}\"/>", RequestContentType = "application/xml", ResponseBody = $"<r apiKey='{s}' n='1'/>", ResponseContentType = "application/xml" },
        new("quoted value starting with a quote") { RequestBody = $"<Login password='\"{s}'/>", RequestContentType = "application/xml", ResponseBody = $"{{\"password\":\"\\\"{s}\"}}" },
        new("secret word inside a name") { RequestBody = $"{{\"secretKey\":\"{s}\",\"privateKey\":\"{s}\"}}", ResponseBody = $"{{\"credentials\":\"{s}\",\"pwd\":\"{s}\"}}" },
        new("object or array value") { RequestBody = $"{{\"token\":{{\"value\":\"{s}\"}}}}", ResponseBody = $"{{\"tokens\":[\"{s}\",{{\"x\":\"{s}\"}}]}}" },
        new("url user info") { UserInfo = $"svc:{s}", RequestBody = $"{{\"callback\":\"https://svc:{s}@hooks.example/cb\"}}", Message = $"calling https://svc:{s}@partner.example/orders" },
        new("pre-signed url") { PathAndQuery = $"/files?X-Amz-Credential={s}&X-Amz-Signature={s}&X-Amz-Date=20260302", ResponseBody = $"{{\"url\":\"https://b.example/k?X-Amz-Signature={s}\"}}" },
        new("bearer in free text") { Message = $"retrying with Authorization: Bearer {s} after a 401", ResponseBody = $"invalid credentials Bearer {s}", ResponseContentType = "text/plain" },
        new("allowed header carrying a secret") { ResponseHeaders = new Dictionary<string, string> { ["Location"] = $"https://app.example/cb?code={s}#access_token={s}" } },
        new("authorization and cookie headers") { RequestHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {s}", ["Cookie"] = $"session={s}", ["X-Api-Key"] = s }, ResponseHeaders = new Dictionary<string, string> { ["Set-Cookie"] = $"session={s}; HttpOnly" } },
        new("form body") { RequestBody = $"grant_type=client_credentials&client_id=app&client_secret={s}", RequestContentType = "application/x-www-form-urlencoded", ResponseBody = $"access_token={s}&token_type=bearer", ResponseContentType = "application/x-www-form-urlencoded" },
        new("jwt in text") { ResponseBody = $"issued eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ{s}.{s}", ResponseContentType = "text/plain", Message = $"got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ{s}.c2ln" },
    ];
}
