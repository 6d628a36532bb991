namespace Integration.AspNetCore.Tests.Secrets;

/// <summary>
/// Each way a secret travels (issue 14), outbound and inbound: after the exchange, the secret is nowhere in the
/// store, in any export (CSV, JSON, xlsx), in any activity's tags, or in the host's ILogger output from our packages.
/// </summary>
[Collection(nameof(ActivityListenerCollection))]
public sealed class SecretLeakTests
{
    private const string Secret = "Zq7SecretValue42x";

    public static TheoryData<string> Cases => [.. SecretCase.All(Secret).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Outbound_TheSecretReachesNoRecord(string name)
    {
        using var activities = new CapturedActivities();
        await using var host = await SecretsHost.StartAsync(SecretCase.All(Secret).Single(c => c.Name == name));

        await host.CallOutboundAsync();

        await AssertNoLeakAsync(host, activities, "partner.example");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Inbound_TheSecretReachesNoRecord(string name)
    {
        using var activities = new CapturedActivities();
        await using var host = await SecretsHost.StartAsync(SecretCase.All(Secret).Single(c => c.Name == name));

        await host.CallInboundAsync();

        await AssertNoLeakAsync(host, activities, "/api/");
    }

    private static async Task AssertNoLeakAsync(SecretsHost host, CapturedActivities activities, string target)
    {
        var records = await host.RecordsAsync();

        // The exchange was recorded (so the test would see a leak), in every export format.
        Assert.Contains(target, records["store"], StringComparison.Ordinal);
        Assert.Contains(ExportFormats.Xlsx, records.Keys);
        Assert.True(records.Count >= 3, string.Join(", ", records.Keys));
        foreach (var (where, text) in records)
        {
            Assert.False(text.Contains(Secret, StringComparison.Ordinal), $"The secret leaked into the {where}:\n{text}");
            Assert.Contains(target, text, StringComparison.Ordinal);
        }

        foreach (var tags in activities.Texts)
        {
            Assert.DoesNotContain(Secret, tags, StringComparison.Ordinal);
        }

        // Our packages' own log lines; ASP.NET Core's and HttpClient's logs are the framework's (see docs/exchanges.md).
        foreach (var (category, text) in host.Logs.Lines.Where(l => l.Category.StartsWith("Integration", StringComparison.Ordinal)))
        {
            Assert.False(text.Contains(Secret, StringComparison.Ordinal), $"The secret leaked into the host's log ({category}): {text}");
        }
    }
}

/// <summary>Tests that listen to every activity source run one at a time.</summary>
[CollectionDefinition(nameof(ActivityListenerCollection), DisableParallelization = true)]
public sealed class ActivityListenerCollection;
