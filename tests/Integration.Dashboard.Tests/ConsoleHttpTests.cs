using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Dashboard.Tests;

/// <summary>The console over plain HTTP (no browser): authorization, antiforgery, headers, encoding, redirects.</summary>
public sealed class ConsoleHttpTests
{
    [Fact]
    public async Task WithoutPolicy_ItAnswersLoopback_AndRefusesARemoteRequest()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var local = new ConsoleClient(host);
        using var remote = new ConsoleClient(host, remote: "203.0.113.7");

        using var localPage = await local.GetAsync("");
        using var remotePage = await remote.GetAsync("");
        using var remoteCss = await remote.GetAsync("dashboard.css");

        Assert.Equal(HttpStatusCode.OK, localPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remotePage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remoteCss.StatusCode);
        Assert.Contains("only local requests", await remotePage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAViewerPolicy_AnonymousRequestsAreRefused_EvenFromLoopback_AndASignedInUserSeesThePages()
    {
        await using var host = await ConsoleHost.StartAsync(o => { o.ViewerPolicy = "viewers"; o.OperatorPolicy = "operators"; });
        using var anonymous = new ConsoleClient(host);
        using var remoteAnonymous = new ConsoleClient(host, remote: "203.0.113.7");
        using var viewer = new ConsoleClient(host, user: "alice", remote: "203.0.113.8");

        using var local = await anonymous.GetAsync("executions");
        using var remote = await remoteAnonymous.GetAsync("executions");
        using var signedIn = await viewer.GetAsync("executions");

        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, remote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task AViewerWhoIsNotAnOperator_CannotAct_AndSeesNoActionButton()
    {
        await using var host = await ConsoleHost.StartAsync(o => { o.ViewerPolicy = "viewers"; o.OperatorPolicy = "operators"; });
        var ko = await host.SeedKoAsync();
        using var viewer = new ConsoleClient(host, user: "alice");

        var page = await viewer.GetTextAsync("");
        var execution = await viewer.GetTextAsync($"executions/{ko.Id}");
        using var response = await viewer.PostAsync("interfaces/sales/run", tokenFrom: $"executions/{ko.Id}");

        Assert.DoesNotContain("Run now", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/rerun\"", execution, StringComparison.Ordinal);
        Assert.Contains("Export .xlsx", execution, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single((await host.Operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales" })).Items);
    }

    [Fact]
    public async Task AnOperator_RunsNow_WithTheirNameInTheLog_AndIsRedirectedRelativelyToTheNewExecution()
    {
        await using var host = await ConsoleHost.StartAsync(o => { o.ViewerPolicy = "viewers"; o.OperatorPolicy = "operators"; });
        using var operatorClient = new ConsoleClient(host, user: "bob", role: "operator");

        using var response = await operatorClient.PostAsync("interfaces/sales/run", tokenFrom: "");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("../../executions/", location, StringComparison.Ordinal);
        var id = ExecutionId.Parse(location["../../executions/".Length..location.IndexOf('?', StringComparison.Ordinal)]);
        var ended = await host.WaitEndedAsync(id);
        var log = await host.Operations.ReadLogAsync(id, new LogQuery());
        Assert.Equal(ExecutionTrigger.Manual, ended.Trigger);
        Assert.Contains(log, l => l.Message.Contains("Run now by bob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithAViewerPolicyAndNoOperatorPolicy_TheConsoleIsReadOnly()
    {
        await using var host = await ConsoleHost.StartAsync(o => o.ViewerPolicy = "viewers");
        var ko = await host.SeedKoAsync();
        using var admin = new ConsoleClient(host, user: "carol", role: "operator");

        using var response = await admin.PostAsync("interfaces/sales/pause", tokenFrom: $"executions/{ko.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("read-only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.Operations.GetScheduleAuditAsync("sales"));
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndDoesNothing()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var client = new ConsoleClient(host);

        using var response = await client.PostAsync("interfaces/sales/run", tokenFrom: null);
        using var forged = await client.PostAsync("interfaces/sales/pause", tokenFrom: null, ("__RequestVerificationToken", "forged"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty((await host.Operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales" })).Items);
        Assert.Empty(await host.Operations.GetScheduleAuditAsync("sales"));
    }

    [Fact]
    public async Task EveryResponse_CarriesTheStrictContentSecurityPolicy()
    {
        await using var host = await ConsoleHost.StartAsync();
        var ko = await host.SeedKoAsync();
        using var client = new ConsoleClient(host);
        using var remote = new ConsoleClient(host, remote: "203.0.113.7");

        foreach (var (c, path) in new[] { (client, ""), (client, "executions"), (client, $"executions/{ko.Id}"), (client, "dashboard.css"), (client, $"executions/{Guid.NewGuid()}"), (remote, "") })
        {
            using var response = await c.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task LogTextHeadersAndBodies_AreHtmlEncoded()
    {
        await using var host = await ConsoleHost.StartAsync();
        var ko = await host.SeedKoAsync();
        using var client = new ConsoleClient(host);

        var page = await client.GetTextAsync($"executions/{ko.Id}");

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;window.__xss = 1;&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRootWithoutItsSlash_RedirectsRelatively_SoAPathBaseIsKept()
    {
        await using var host = await ConsoleHost.StartAsync(pathBase: "/ops");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(host.Root, "../integrations"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("integrations/", response.Headers.Location!.OriginalString);
        Assert.Equal(host.Root, new Uri(new Uri(host.Root, "../integrations"), response.Headers.Location));
    }

    [Fact]
    public async Task BadFiltersAndUnknownIds_AnswerWithWhatIsWrong()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var client = new ConsoleClient(host);

        using var status = await client.GetAsync("executions?status=Purple");
        using var unknown = await client.GetAsync($"executions/{Guid.NewGuid()}");
        using var notAnId = await client.GetAsync("executions/not-an-id");

        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        var text = await status.Content.ReadAsStringAsync();
        Assert.Contains("Purple", text, StringComparison.Ordinal);
        Assert.Contains("is not a status", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    [Theory]
    [InlineData(true, "viewers", null, "AllowAnonymous cannot be combined")]
    [InlineData(false, null, "operators", "without a ViewerPolicy")]
    [InlineData(false, " ", null, "ViewerPolicy is blank")]
    public async Task ContradictoryOptions_FailTheHostAtStart(bool anonymous, string? viewer, string? operatorPolicy, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ConsoleHost.StartAsync(o =>
        {
            o.AllowAnonymous = anonymous;
            o.ViewerPolicy = viewer;
            o.OperatorPolicy = operatorPolicy;
        }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APolicyThatIsNotRegistered_FailsTheMapping_NamingIt()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsoleHost.StartAsync(o => o.ViewerPolicy = "auditors"));

        Assert.Contains("'auditors'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingWithoutAddDashboard_SaysWhatToCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddExecutions(x => x.UseSqliteStore("Data Source=:memory:"));
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapIntegrationDashboard());

        Assert.Contains("AddDashboard", error.Message, StringComparison.Ordinal);
    }
}
