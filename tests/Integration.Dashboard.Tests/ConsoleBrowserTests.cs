using System.Text.Json;
using Integration.Export.Excel.Tests;
using OpenQA.Selenium;

namespace Integration.Dashboard.Tests;

/// <summary>
/// The console in a real Chromium, against a real Kestrel with a SQLite store, behind the path base
/// <c>/ops/integrations</c>: what support sees and does.
/// </summary>
public sealed class ConsoleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private OpenQA.Selenium.Chrome.ChromeDriver Driver => browser.Driver;

    [BrowserFact]
    public void AKoRow_IsRed_AndOpensTheExecutionWithTheRootErrorFirst_ItsActionAndTheProvidersContact()
    {
        browser.Open("executions");

        var row = Driver.FindElement(By.Id($"execution-{browser.Ko.Id}"));
        var (red, green, blue) = Rgb(row.GetCssValue("background-color"));
        Assert.True(red > green + 30 && red > blue + 30, $"The KO row's background is {row.GetCssValue("background-color")}, not red.");

        ClickAndWaitForNextPage(row.FindElement(By.CssSelector("a.open")));

        Assert.EndsWith($"/ops/integrations/executions/{browser.Ko.Id}", new Uri(Driver.Url).AbsolutePath, StringComparison.Ordinal);
        var sections = Driver.FindElements(By.CssSelector("main > section")).Select(s => s.GetAttribute("class")).ToList();
        Assert.Equal("diagnosis", sections[0]);
        var diagnosis = Driver.FindElement(By.CssSelector("section.diagnosis"));
        var root = diagnosis.FindElement(By.CssSelector(".root-error"));
        Assert.Contains("[EXTERNAL]", root.Text, StringComparison.Ordinal);
        Assert.Contains("Partner answered 503", root.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("not imported", diagnosis.FindElement(By.CssSelector(".root-errors")).Text, StringComparison.Ordinal);
        Assert.Contains("Re-run; if it still fails, contact the provider.", diagnosis.FindElement(By.CssSelector(".action")).Text, StringComparison.Ordinal);
        Assert.Contains("partners@fnac.example", diagnosis.FindElement(By.CssSelector(".contacts")).Text, StringComparison.Ordinal);

        var cascade = Driver.FindElement(By.CssSelector("table.lines tr.cascade"));
        Assert.Contains("follows from line", cascade.Text, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task RunNow_CreatesAnExecution_ThatAppearsInTheList()
    {
        browser.Open("");

        ClickAndWaitForNextPage(Driver.FindElement(By.CssSelector("#interface-sales form[action$='/run'] button")));

        var id = ExecutionIdFromUrl();
        Assert.Contains("Run now: the execution has started.", Driver.FindElement(By.CssSelector(".notice")).Text, StringComparison.Ordinal);
        Assert.Equal(ExecutionTrigger.Manual, (await browser.Host.WaitEndedAsync(id)).Trigger);
        browser.Open("executions?interface=sales");
        Assert.Single(Driver.FindElements(By.Id($"execution-{id}")));
    }

    [BrowserFact]
    public async Task Rerun_CreatesAnExecution_LinkedToTheOriginal()
    {
        browser.Open($"executions/{browser.Ko.Id}");

        ClickAndWaitForNextPage(Driver.FindElement(By.CssSelector("form[action$='/rerun'] button")));

        var id = ExecutionIdFromUrl();
        Assert.NotEqual(browser.Ko.Id, id);
        var rerun = await browser.Host.WaitEndedAsync(id);
        Assert.Equal(browser.Ko.Id, rerun.RerunOf);
        Assert.Equal(browser.Ko.Window, rerun.Window);
        Driver.Navigate().Refresh();
        ClickAndWaitForNextPage(Driver.FindElement(By.CssSelector("a.rerun-of")));
        Assert.Equal(browser.Ko.Id, ExecutionIdFromUrl());
        Assert.NotEmpty(Driver.FindElements(By.CssSelector($"a.rerun[href='{id}']")));
    }

    [BrowserFact]
    public async Task Cancel_EndsARunningExecutionCancelled()
    {
        browser.Open("");
        ClickAndWaitForNextPage(Driver.FindElement(By.CssSelector("#interface-slow form[action$='/run'] button")));
        var id = ExecutionIdFromUrl();
        Assert.Equal(ExecutionStatus.Running, (await browser.Host.Operations.GetAsync(id)).Status);

        ClickAndWaitForNextPage(Driver.FindElement(By.CssSelector("form[action$='/cancel'] button")));

        var ended = await browser.Host.WaitEndedAsync(id);
        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Driver.Navigate().Refresh();
        Assert.Equal("Cancelled", Driver.FindElement(By.CssSelector("section.summary .status")).Text);
        Assert.Empty(Driver.FindElements(By.CssSelector("form[action$='/cancel']")));
    }

    [BrowserFact]
    public async Task PauseAndResume_ShowTheSchedule_Paused_ThenNot_AndRecordWhoDidIt()
    {
        browser.Open("");

        ClickAndWaitForNextPage(Driver.FindElement(By.CssSelector("#interface-sales form[action$='/pause'] button")));

        Assert.Single(Driver.FindElements(By.CssSelector("#interface-sales .badge.paused")));
        var audit = await browser.Host.Operations.GetScheduleAuditAsync("sales");
        Assert.Equal(ScheduleAction.Paused, audit[0].Action);
        Assert.StartsWith("anonymous (", audit[0].Actor, StringComparison.Ordinal);

        ClickAndWaitForNextPage(Driver.FindElement(By.CssSelector("#interface-sales form[action$='/resume'] button")));

        Assert.Empty(Driver.FindElements(By.CssSelector("#interface-sales .badge.paused")));
        Assert.Equal(ScheduleAction.Resumed, (await browser.Host.Operations.GetScheduleAuditAsync("sales"))[0].Action);
    }

    [BrowserFact]
    public async Task Export_DownloadsAnXlsx_ThatOpenpyxlOpens_WithRedErrorRows_AndNoFormula()
    {
        browser.Open($"executions/{browser.Ko.Id}");

        Driver.FindElement(By.CssSelector("form[action$='/export'] input[value='xlsx'] ~ button")).Click();

        var file = await WaitForDownloadAsync($"execution-{browser.Ko.Id}.xlsx");
        var book = await Openpyxl.ReadAsync(await File.ReadAllBytesAsync(file));
        var log = book.Sheet("Log").GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
        var error = log.Single(r => r.Any(c => c.GetProperty("v").ValueKind == JsonValueKind.String && c.GetProperty("v").GetString()!.StartsWith("Partner answered 503", StringComparison.Ordinal)));
        Assert.Contains(error, c => c.GetProperty("fill").ValueKind == JsonValueKind.String);
        Assert.DoesNotContain(log.SelectMany(r => r), c => c.GetProperty("t").GetString() == "f");
    }

    [BrowserFact]
    public void HostileLogText_RendersAsText_NoScriptRuns_AndChromiumReportsNoContentSecurityPolicyViolation()
    {
        browser.Open($"executions/{browser.Ko.Id}");
        var exchange = Driver.FindElement(By.CssSelector("details.exchange"));
        exchange.FindElement(By.TagName("summary")).Click();

        Assert.Contains(ConsoleHost.Xss, Driver.FindElement(By.CssSelector(".root-error .message")).Text, StringComparison.Ordinal);
        Assert.Contains(ConsoleHost.XssHeader, exchange.Text, StringComparison.Ordinal);
        var ran = ((IJavaScriptExecutor)Driver).ExecuteScript("return [typeof window.__xss, typeof window.__xssHeader, typeof window.__xssBody].join(',');");
        Assert.Equal("undefined,undefined,undefined", ran);
        Assert.Empty(Driver.FindElements(By.CssSelector("main script, main img")));

        foreach (var page in new[] { "", "executions", $"executions/{browser.Ko.Id}" })
        {
            browser.Open(page);
        }

        var violations = Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => v.Message)));
    }

    [BrowserFact]
    public void DarkMode_FollowsTheSystemSetting_AndTheThreePagesAreCaptured_LightAndDark()
    {
        // INTEGRATION_SCREENSHOTS=docs/images writes the documentation's screenshots; otherwise they go to a temporary folder.
        var folder = Environment.GetEnvironmentVariable("INTEGRATION_SCREENSHOTS") ?? Path.Combine(browser.Downloads, "screenshots");
        Directory.CreateDirectory(folder);
        var pages = new[] { ("interfaces", ""), ("executions", "executions"), ("execution", $"executions/{browser.Ko.Id}") };
        var backgrounds = new Dictionary<string, string>();
        try
        {
            foreach (var scheme in new[] { "light", "dark" })
            {
                browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?>
                {
                    ["features"] = new[] { new Dictionary<string, object> { ["name"] = "prefers-color-scheme", ["value"] = scheme } },
                });
                foreach (var (name, path) in pages)
                {
                    browser.Open(path);
                    browser.Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, $"console-{name}-{scheme}.png"));
                }

                backgrounds[scheme] = Driver.FindElement(By.TagName("body")).GetCssValue("background-color");
                var (red, green, blue) = Rgb(Driver.FindElement(By.CssSelector("table.lines tr.error")).GetCssValue("background-color"));
                Assert.True(red > green + 30 && red > blue + 30, $"The error line is not red in {scheme} mode.");
            }
        }
        finally
        {
            browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?> { ["features"] = Array.Empty<object>() });
        }

        Assert.True(Rgb(backgrounds["light"]).Red > 200, backgrounds["light"]);
        Assert.True(Rgb(backgrounds["dark"]).Red < 60, backgrounds["dark"]);
        Assert.Equal(6, Directory.GetFiles(folder, "console-*.png").Length);
    }

    /// <summary>
    /// Clicks a link or a form's button and waits until the browser has loaded the next page: a click on a submit button
    /// returns before the POST-redirect-GET ends, so reading <see cref="IWebDriver.Url"/> right after it can still see
    /// the old page. The old page's window carries a marker; the next page's window does not.
    /// </summary>
    private void ClickAndWaitForNextPage(IWebElement element)
    {
        Driver.ExecuteScript("window.integrationOldPage = true;");
        element.Click();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!IsNextPageLoaded())
        {
            timeout.Token.ThrowIfCancellationRequested();
            Thread.Sleep(20);
        }
    }

    private bool IsNextPageLoaded()
    {
        try
        {
            return Equals(Driver.ExecuteScript("return window.integrationOldPage === undefined && document.readyState === 'complete';"), true);
        }
        catch (WebDriverException)
        {
            // Between two pages: the old document is gone, the new one not yet scriptable.
            return false;
        }
    }

    private ExecutionId ExecutionIdFromUrl()
    {
        var path = new Uri(Driver.Url).AbsolutePath;
        Assert.StartsWith("/ops/integrations/executions/", path, StringComparison.Ordinal);
        return ExecutionId.Parse(path["/ops/integrations/executions/".Length..]);
    }

    private async Task<string> WaitForDownloadAsync(string name)
    {
        var path = Path.Combine(browser.Downloads, name);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!File.Exists(path) || File.Exists(path + ".crdownload"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }

        return path;
    }

    private static (int Red, int Green, int Blue) Rgb(string css)
    {
        var parts = css[(css.IndexOf('(', StringComparison.Ordinal) + 1)..css.IndexOf(')', StringComparison.Ordinal)].Split(',');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
