namespace Integration.Sample.Tests;

public sealed class DemoTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Demo_RunsEndToEnd_WithOkAndKoExecutions(string store)
    {
        var folder = Directory.CreateTempSubdirectory("integration-sample-").FullName;
        try
        {
            using var output = new StringWriter();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

            var result = await Demo.RunAsync(DemoOptions.Parse(["--store", store, "--exports", Path.Combine(folder, "exports"), "--data", folder]), output, timeout.Token);

            var text = output.ToString();
            Assert.True(result.Counts.GetValueOrDefault(ExecutionStatus.OK) >= 1, text);
            Assert.True(result.Counts.GetValueOrDefault(ExecutionStatus.KO) >= 3, text);
            Assert.Contains("[EXTERNAL]", text, StringComparison.Ordinal);
            Assert.Contains("[MAPPING] Ticket T-2", text, StringComparison.Ordinal);
            Assert.Contains("[CONFIGURATION]", text, StringComparison.Ordinal);
            Assert.Contains("Re-run; if it still fails, contact the provider.", text, StringComparison.Ordinal);
            Assert.Contains("Contact for [EXTERNAL] errors: the provider FNAC", text, StringComparison.Ordinal);
            // The partner's 503 is External, and fnac-sales re-runs those by itself: the diagnosis shows the re-run that ran.
            Assert.Contains("Automatic re-run 1 of 3 (due ", text, StringComparison.Ordinal);
            Assert.Contains(") started as ", text, StringComparison.Ordinal);
            Assert.NotEmpty(result.Exports);
            Assert.All(result.Exports, file => Assert.True(new FileInfo(file).Length > 0, file));
            if (store == "sqlite")
            {
                Assert.True(File.Exists(Path.Combine(folder, "integration-sample.db")));
            }
            Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void UnknownArgument_IsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => DemoOptions.Parse(["--store", "oracle"]));

        Assert.Contains("'--store'", e.Message, StringComparison.Ordinal);
    }
}
