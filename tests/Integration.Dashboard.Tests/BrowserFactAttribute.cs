namespace Integration.Dashboard.Tests;

/// <summary>
/// A fact driven in Debian's Chromium through its chromedriver (never a downloaded browser). Skipped, with a message
/// saying how to install them, only on a machine without them and outside CI: where CI is "true" it always runs.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        if (!Available && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{Chromium} or {ChromeDriver} is missing: install them with 'apt-get install -y --no-install-recommends chromium chromium-driver' (CI does, and never skips this test).";
        }
    }

    public static bool Available => File.Exists(Chromium) && File.Exists(ChromeDriver);
}
