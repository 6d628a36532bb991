using System.Net;
using System.Text.RegularExpressions;

namespace Integration.Dashboard.Tests;

/// <summary>The Executions page over HTTP: keyset paging and the filters the console applies itself.</summary>
public sealed partial class ExecutionListTests
{
    [Fact]
    public async Task TheList_IsPagedByKeyset_NewestFirst_AndTheLastPageHasNoOlderLink()
    {
        await using var host = await ConsoleHost.StartAsync(o => o.PageSize = 10);
        var ids = new List<ExecutionId>();
        for (var i = 0; i < 11; i++)
        {
            var run = await host.Operations.RunNowAsync("sales", "test");
            ids.Add((await run.Completion.WaitAsync(TimeSpan.FromSeconds(30))).Id);
        }

        using var client = new ConsoleClient(host);
        var first = await client.GetTextAsync("executions?interface=sales");
        var older = OlderLink().Match(first);
        Assert.True(older.Success, "The first page has no link to older executions.");
        var second = await client.GetTextAsync(WebUtility.HtmlDecode(older.Groups["href"].Value));

        Assert.Equal(ids.AsEnumerable().Reverse().Take(10).Select(i => i.ToString()), RowIds(first));
        Assert.Equal([ids[0].ToString()], RowIds(second));
        Assert.DoesNotMatch(OlderLink(), second);
    }

    [Fact]
    public async Task TheFirstErrorCategoryAndTriggerFilters_KeepOnlyMatchingExecutions()
    {
        await using var host = await ConsoleHost.StartAsync();
        var ko = await host.SeedKoAsync();
        var ok = await (await host.Operations.RunNowAsync("sales", "test")).Completion.WaitAsync(TimeSpan.FromSeconds(30));
        using var client = new ConsoleClient(host);

        var external = RowIds(await client.GetTextAsync("executions?category=External"));
        var mapping = RowIds(await client.GetTextAsync("executions?category=Mapping"));
        var manual = RowIds(await client.GetTextAsync("executions?trigger=Manual"));
        var scheduled = RowIds(await client.GetTextAsync("executions?trigger=Schedule"));
        var koOnly = RowIds(await client.GetTextAsync("executions?status=KO"));

        Assert.Equal([ko.Id.ToString()], external);
        Assert.Empty(mapping);
        Assert.Equal([ok.Id.ToString(), ko.Id.ToString()], manual);
        Assert.Empty(scheduled);
        Assert.Equal([ko.Id.ToString()], koOnly);
    }

    [Fact]
    public async Task SearchingAnExecutionId_OpensIt()
    {
        await using var host = await ConsoleHost.StartAsync();
        var ko = await host.SeedKoAsync();
        using var client = new ConsoleClient(host);

        using var response = await client.GetAsync($"executions?q={ko.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"executions/{ko.Id}", response.Headers.Location!.OriginalString);
    }

    private static List<string> RowIds(string page) => [.. RowId().Matches(page).Select(m => m.Groups["id"].Value)];

    [GeneratedRegex("<tr class=\"[^\"]*\" id=\"execution-(?<id>[0-9a-f-]{36})\"")]
    private static partial Regex RowId();

    [GeneratedRegex("<a rel=\"next\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex OlderLink();
}
