using System.Text.Json;
using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class JsonExportTests
{
    private static async Task<JsonElement> ExportAsync(Harness h, ExecutionId id)
    {
        using var stream = new MemoryStream();
        await h.Provider.GetRequiredService<IExecutionSupport>().ExportAsync(id, ExportFormats.Json, stream);
        return Assert.Single(JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("executions").EnumerateArray());
    }

    [Fact]
    public async Task Execution_IsExportedWithItsDiagnosisAndItsWholeLog()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (run, _) =>
        {
            run.Log.Info("Fetching sales");
            run.Log.Exchange(new ExchangeDetails { Method = "GET", Target = "https://fnac.example/sales", StatusCode = 503, ResponseBody = "{\"error\":1}" }, correlationId: "c-1");
            run.Log.Error(ErrorCategory.External, "FNAC answered 503");
            throw new InvalidOperationException("no sales");
        });
        var ended = await h.RunNowAsync();

        var e = await ExportAsync(h, ended.Id);

        Assert.Equal(ended.Id.ToString(), e.GetProperty("id").GetString());
        Assert.Equal("KO", e.GetProperty("status").GetString());
        Assert.False(e.GetProperty("running").GetBoolean());
        Assert.Equal("External", e.GetProperty("diagnosis").GetProperty("category").GetString());
        Assert.Equal("Rerun", e.GetProperty("diagnosis").GetProperty("rerunAdvice").GetString());
        Assert.Equal([3L], e.GetProperty("diagnosis").GetProperty("rootErrorSequences").EnumerateArray().Select(x => x.GetInt64()));
        var log = e.GetProperty("log").EnumerateArray().ToList();
        Assert.Equal(4, log.Count);
        Assert.Equal(503, log[1].GetProperty("exchange").GetProperty("statusCode").GetInt32());
        Assert.Equal("{\"error\":1}", log[1].GetProperty("exchange").GetProperty("responseBody").GetString());
        Assert.Equal("Cascade", log[3].GetProperty("category").GetString());
    }

    [Fact]
    public async Task UnsafeCharacters_AndRunningExecutions_StillGiveValidJson()
    {
        await using var h = Harness.Create();
        var running = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, ended: false, lines: Seed.Info("nul\0 lone\uD800 \"quoted\"\r\n" + new string('y', 100_000)));

        var e = await ExportAsync(h, running.Id);

        Assert.True(e.GetProperty("running").GetBoolean());
        Assert.Equal("Running", e.GetProperty("status").GetString());
        var message = Assert.Single(e.GetProperty("log").EnumerateArray()).GetProperty("message").GetString()!;
        Assert.StartsWith("nul\u2400 lone\uFFFD \"quoted\"\r\n", message, StringComparison.Ordinal);
        Assert.Equal(21 + 100_000, message.Length);
    }
}
