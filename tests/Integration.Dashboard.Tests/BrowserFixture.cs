using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Integration.Dashboard.Tests;

/// <summary>
/// One headless Chromium for the browser tests of a class, and one console host behind the path base <c>/ops</c>
/// (loopback only, no policy), with a KO execution seeded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private ChromeDriver? _driver;
    private ConsoleHost? _host;

    public ChromeDriver Driver => _driver ?? throw new InvalidOperationException("No browser.");

    public ConsoleHost Host => _host ?? throw new InvalidOperationException("No host.");

    public Execution Ko { get; private set; } = null!;

    public string Downloads { get; } = Path.Combine(Path.GetTempPath(), "integration-downloads-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        if (!BrowserFactAttribute.Available)
        {
            return;
        }

        _host = await ConsoleHost.StartAsync(pathBase: "/ops");
        Ko = await _host.SeedKoAsync();
        Directory.CreateDirectory(Downloads);

        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000");
        options.AddUserProfilePreference("download.default_directory", Downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver)!, Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Opens a page of the console, relative to its root.</summary>
    public void Open(string path) => Driver.Navigate().GoToUrl(new Uri(Host.Root, path));

    public async Task DisposeAsync()
    {
        _driver?.Quit();
        _driver?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (Directory.Exists(Downloads))
        {
            Directory.Delete(Downloads, recursive: true);
        }
    }
}
