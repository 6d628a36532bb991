using System.Net;
using System.Text.RegularExpressions;

namespace Integration.Dashboard.Tests;

/// <summary>An HTTP client of the console: keeps cookies, never follows redirects, reads the forms' antiforgery token.</summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _client;

    public ConsoleClient(ConsoleHost host, string? user = null, string? role = null, string? remote = null)
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Root };
        if (user is not null)
        {
            _client.DefaultRequestHeaders.Add(ConsoleHost.UserHeader, user);
        }

        if (role is not null)
        {
            _client.DefaultRequestHeaders.Add(ConsoleHost.RoleHeader, role);
        }

        if (remote is not null)
        {
            _client.DefaultRequestHeaders.Add(ConsoleHost.RemoteHeader, remote);
        }
    }

    /// <summary>A client of a console at <paramref name="root"/> (its address, ending with a slash), as an anonymous local user.</summary>
    public ConsoleClient(Uri root)
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = root };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public async Task<string> GetTextAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form; with <paramref name="tokenFrom"/>, first reads that page for the antiforgery token, as a browser would.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? tokenFrom, params (string Name, string Value)[] fields)
    {
        var form = fields.ToList();
        if (tokenFrom is not null)
        {
            var page = await GetTextAsync(tokenFrom);
            var match = TokenInput().Match(page);
            Assert.True(match.Success, "The page has no antiforgery token.");
            form.Add((match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value)));
        }

        return await _client.PostAsync(path, new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenInput();
}
