using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Dashboard.Tests;

/// <summary>
/// The console over HTTP on the runtime's operations API: the interface overview, the line search of the search box,
/// the operator actions and pending cancel requests of an execution, exports recorded with the user.
/// </summary>
public sealed partial class ConsoleOperationsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheInterfacesPage_ShowsTheLastKoCategory_TodaysCounts_PausedAndRunning()
    {
        await using var host = await ConsoleHost.StartAsync();
        var ko = await host.SeedKoAsync();
        await (await host.Operations.RunNowAsync("sales", "test")).Completion.WaitAsync(Wait);
        await (await host.Operations.RunNowAsync("sales", "test")).Completion.WaitAsync(Wait);
        await host.Operations.PauseAsync("slow", "carol", "partner maintenance");
        var slow = await host.Operations.RunNowAsync("slow", "test");
        using var client = new ConsoleClient(host);

        var page = await client.GetTextAsync("");
        var sales = Row(page, "sales");
        var slowRow = Row(page, "slow");

        Assert.Contains($"href=\"executions/{ko.Id}\"", sales, StringComparison.Ordinal);
        Assert.Contains("[EXTERNAL]", sales, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ok-count\">2 OK</span>", sales, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ko-count\">1 KO</span>", sales, StringComparison.Ordinal);
        Assert.DoesNotContain("Paused", sales, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"status running\"", sales, StringComparison.Ordinal);
        Assert.Contains("class=\"badge paused\" title=\"Paused by carol at ", slowRow, StringComparison.Ordinal);
        Assert.Contains(": partner maintenance\"", slowRow, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"status running\" href=\"executions/{slow.Id}\">Running</a>", slowRow, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ok-count\">0 OK</span>", slowRow, StringComparison.Ordinal);
        Assert.DoesNotContain("first 1,000", page, StringComparison.Ordinal);
        await host.Operations.CancelAsync(slow.Id);
    }

    [Fact]
    public async Task TheInterfacesPage_IsOneOverviewCall_WithNoPerInterfaceQuery()
    {
        CountingOperations? counting = null;
        await using var host = await ConsoleHost.StartAsync(services: s => counting = CountingOperations.Decorate(s));
        await host.SeedKoAsync();
        using var client = new ConsoleClient(host);
        counting!.Calls.Clear();

        var page = await client.GetTextAsync("");

        Assert.Contains("id=\"interface-api\"", page, StringComparison.Ordinal);
        Assert.Equal([new KeyValuePair<string, int>(nameof(IExecutionOperations.GetOverviewAsync), 1)], counting.Calls.ToArray());
    }

    [Fact]
    public async Task TheSearchBox_FindsABusinessId_InADailyAndAScheduledExecution_NewestFirst_InTheInterfacesZone()
    {
        await using var host = await ConsoleHost.StartAsync();
        host.Sales.NoteNext = "Order ORD-12345 imported from the partner <b>now</b>";
        var scheduled = await (await host.Operations.RunNowAsync("sales", "test")).Completion.WaitAsync(Wait);
        host.Sales.NoteNext = "Order ORD-99999 imported";
        await (await host.Operations.RunNowAsync("sales", "test")).Completion.WaitAsync(Wait);
        await CallAsync(host, "Refund of ord-12345 refused");
        var daily = (await host.Operations.QueryAsync(new ExecutionQuery { InterfaceId = "api", Limit = 1 })).Items.Single();
        using var client = new ConsoleClient(host);

        var page = await client.GetTextAsync("executions?q=" + Uri.EscapeDataString("ORD-12345"));

        var rows = MatchRows(page);
        Assert.Equal([daily.Id.ToString(), scheduled.Id.ToString()], rows.Select(r => r.Groups["id"].Value));
        var dailyRow = rows[0].Value;
        var scheduledRow = rows[1].Value;
        Assert.Contains("Refund of ord-12345 refused", dailyRow, StringComparison.Ordinal);
        Assert.Contains("daily · line", dailyRow, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;now&lt;/b&gt;", scheduledRow, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>now</b>", page, StringComparison.Ordinal);
        Assert.Contains("FNAC sales", scheduledRow, StringComparison.Ordinal);
        Assert.Contains($"href=\"executions/{scheduled.Id}?after=", scheduledRow, StringComparison.Ordinal);
        var line = (await host.Operations.ReadLogAsync(scheduled.Id, new LogQuery())).Single(l => l.Message.Contains("ORD-12345", StringComparison.Ordinal));
        var zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
        Assert.Contains($">{TimeZoneInfo.ConvertTime(line.Time, zurich):yyyy-MM-dd HH:mm:ss}</time>", scheduledRow, StringComparison.Ordinal);
        Assert.DoesNotContain("ORD-99999", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSearchBox_PagesOlderLines_ByKeyset_WithoutDuplicateOrGap()
    {
        await using var host = await ConsoleHost.StartAsync(o => o.PageSize = 10);
        for (var i = 0; i < 12; i++)
        {
            await CallAsync(host, $"Ticket T-777 step {i}");
        }

        using var client = new ConsoleClient(host);
        var first = await client.GetTextAsync("executions?q=T-777");
        var older = OlderLink().Match(first);
        Assert.True(older.Success, "The first page has no link to older lines.");
        var second = await client.GetTextAsync(WebUtility.HtmlDecode(older.Groups["href"].Value));

        var messages = MatchRows(first).Concat(MatchRows(second)).Select(r => StepOf().Match(r.Value).Groups["step"].Value).ToList();
        Assert.Equal(10, MatchRows(first).Count);
        Assert.Equal([.. Enumerable.Range(0, 12).Reverse().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], messages);
        Assert.DoesNotMatch(OlderLink(), second);
        Assert.Contains("Newest", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("executions?q=%21%21%21", "Bad search")]
    [InlineData("executions?q=T-777&after=not-a-cursor", "is not a search page cursor")]
    public async Task ABadSearch_IsRefused_WithWhy(string path, string why)
    {
        await using var host = await ConsoleHost.StartAsync();
        using var client = new ConsoleClient(host);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(why, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExportThroughTheConsole_IsRecordedWithTheUser_AndTheExecutionPageListsTheOperatorActions()
    {
        await using var host = await ConsoleHost.StartAsync(o => { o.ViewerPolicy = "viewers"; o.OperatorPolicy = "operators"; });
        using var bob = new ConsoleClient(host, user: "bob", role: "operator");
        using var run = await bob.PostAsync("interfaces/sales/run", tokenFrom: "");
        var location = run.Headers.Location!.OriginalString;
        var id = ExecutionId.Parse(location["../../executions/".Length..location.IndexOf('?', StringComparison.Ordinal)]);
        await host.WaitEndedAsync(id);

        using var export = await bob.PostAsync($"executions/{id}/export", tokenFrom: $"executions/{id}", ("format", "csv"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await export.Content.ReadAsByteArrayAsync();

        var actions = await host.Operations.GetActionsAsync(id);
        Assert.Equal([(ExecutionActionKind.RunNow, "bob", null), (ExecutionActionKind.Export, "bob", "csv")], actions.Select(a => (a.Kind, a.Actor, a.Detail)));
        var page = await bob.GetTextAsync($"executions/{id}");
        var listed = ActionRow().Matches(page).Select(m => (m.Groups["kind"].Value, m.Groups["by"].Value, m.Groups["detail"].Value.Trim())).ToList();
        Assert.Equal([("Run now", "bob", ""), ("Export", "bob", "csv")], listed);
    }

    [Fact]
    public async Task ACancelOfAnExecutionRunningOnAnotherNode_IsShownAsRequested_ByWhomAndWhen()
    {
        await using var host = await ConsoleHost.StartAsync(o => { o.ViewerPolicy = "viewers"; o.OperatorPolicy = "operators"; });
        var store = host.Services.GetRequiredService<IExecutionStore>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var elsewhere = new Execution
        {
            Id = ExecutionId.New(now),
            InterfaceId = "slow",
            ScheduleId = "slow",
            Trigger = ExecutionTrigger.Manual,
            Window = new ExecutionWindow(now.AddHours(-1), now),
            StartedAt = now,
            NodeId = "node-b",
        };
        await store.CreateAsync(elsewhere);
        using var bob = new ConsoleClient(host, user: "bob", role: "operator");

        var before = await bob.GetTextAsync($"executions/{elsewhere.Id}");
        using var cancel = await bob.PostAsync($"executions/{elsewhere.Id}/cancel", tokenFrom: $"executions/{elsewhere.Id}");
        var after = await bob.GetTextAsync($"executions/{elsewhere.Id}");

        Assert.DoesNotContain("Cancel requested by", before, StringComparison.Ordinal);
        Assert.Equal($"../../executions/{elsewhere.Id}?done=cancel-requested", cancel.Headers.Location!.OriginalString);
        var request = (await host.Operations.GetAsync(elsewhere.Id)).CancelRequest;
        Assert.NotNull(request);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTime(request.RequestedAt, newYork);
        Assert.Contains($"Cancel requested by bob at <time datetime=", after, StringComparison.Ordinal);
        Assert.Contains($"title=\"{request.RequestedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC\">{local:yyyy-MM-dd HH:mm:ss}</time>: the node that runs it stops it", after, StringComparison.Ordinal);
        Assert.Matches(ActionRow(), after);
    }

    private static async Task CallAsync(ConsoleHost host, string message)
    {
        var calls = host.Services.GetRequiredService<IRealTimeCalls>();
        await calls.CallAsync<int>(
            "api",
            "POST /refunds",
            async (call, cancellationToken) =>
            {
                await call.Log.WriteAsync(new LogEntry { Level = ExecutionLogLevel.Information, Message = message }, cancellationToken);
                return 0;
            },
            null,
            CancellationToken.None);
    }

    /// <summary>The row of an interface on the Interfaces page.</summary>
    private static string Row(string page, string interfaceId)
    {
        var start = page.IndexOf($"id=\"interface-{interfaceId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no row for '{interfaceId}'.");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static List<Match> MatchRows(string page) => [.. MatchRow().Matches(page).Cast<Match>()];

    [GeneratedRegex("<tr class=\"[^\"]*\" id=\"match-(?<id>[0-9a-f-]{36})-(?<sequence>[0-9]+)\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex MatchRow();

    [GeneratedRegex("step (?<step>[0-9]+)")]
    private static partial Regex StepOf();

    [GeneratedRegex("<a rel=\"next\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex OlderLink();

    [GeneratedRegex("<tr class=\"action\">\\s*<td>.*?</td>\\s*<td>(?<kind>[^<]*)</td>\\s*<td>(?<by>[^<]*)</td>\\s*<td>(?<detail>[^<]*)</td>", RegexOptions.Singleline)]
    private static partial Regex ActionRow();
}
