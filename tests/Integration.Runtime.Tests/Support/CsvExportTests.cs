using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class CsvExportTests
{
    private const int Message = 7;
    private const int ResponseBody = 17;

    private static async Task<List<string[]>> ExportAsync(Harness h, ExecutionId id)
    {
        using var stream = new MemoryStream();
        await h.Provider.GetRequiredService<IExecutionSupport>().ExportAsync(id, ExportFormats.Csv, stream);
        return Csv.Parse(stream.ToArray());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@SUM(1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public async Task FormulaLikeText_IsPrefixedWithAQuote(string message)
    {
        await using var h = Harness.Create();
        var e = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, lines: Seed.Error(ErrorCategory.External, message));

        var rows = await ExportAsync(h, e.Id);

        Assert.Equal("'" + message, rows[1][Message]);
    }

    [Fact]
    public async Task Fields_WithCommasQuotesAndLineBreaks_RoundTrip()
    {
        await using var h = Harness.Create();
        var message = "a, \"quoted\" word\r\nsecond line\nthird";
        var e = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, lines: Seed.Info(message));

        var rows = await ExportAsync(h, e.Id);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        Assert.Equal(message, rows[1][Message]);
    }

    [Fact]
    public async Task UnsafeCharactersAndHugePayloads_AreExportedWithoutException()
    {
        await using var h = Harness.Create();
        var payload = new string('x', 100_000);
        var e = await Seed.ExecutionAsync(
            h.Store,
            "sales",
            Harness.Start,
            lines: [Seed.Info("nul\0 bell\a lone\uD800 low\uDC00 pair\uD83D\uDE00"), new LogEntry { Message = "big", Exchange = new ExchangeDetails { ResponseBody = payload } }]);

        var rows = await ExportAsync(h, e.Id);

        Assert.Equal("nul\u2400 bell\u2407 lone\uFFFD low\uFFFD pair\uD83D\uDE00", rows[1][Message]);
        Assert.Equal(payload, rows[2][ResponseBody]);
    }

    [Fact]
    public async Task Log_IsExportedWhole_InOrder_AcrossPages()
    {
        await using var h = Harness.Create();
        var lines = Enumerable.Range(1, 2_500).Select(i => Seed.Info($"line {i}")).ToArray();
        var e = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, lines: lines);

        var rows = await ExportAsync(h, e.Id);

        Assert.Equal(2_501, rows.Count);
        Assert.Equal(Enumerable.Range(1, 2_500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[3]));
        Assert.Equal("2026-03-02T09:30:00.0000000Z", rows[1][4]);
    }

    [Fact]
    public async Task RunningExecution_IsExportedMarkedAsRunning()
    {
        await using var h = Harness.Create();
        var e = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, ended: false, lines: Seed.Info("so far"));

        var rows = await ExportAsync(h, e.Id);

        Assert.StartsWith("Running", rows[1][2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownExecution_ThrowsExecutionNotFound_AndWritesNothing()
    {
        await using var h = Harness.Create();
        using var stream = new MemoryStream();

        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () =>
            await h.Provider.GetRequiredService<IExecutionSupport>().ExportAsync(ExecutionId.New(Harness.Start), ExportFormats.Csv, stream));

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task UnknownFormat_NamesTheRegisteredFormats()
    {
        await using var h = Harness.Create();
        var support = h.Provider.GetRequiredService<IExecutionSupport>();
        var e = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await support.ExportAsync(e.Id, ExportFormats.Xlsx, Stream.Null));

        Assert.Contains("AddExcelExport", error.Message, StringComparison.Ordinal);
        Assert.Equal(["csv", "json"], support.ExportFormats.Order());
    }

    [Fact]
    public async Task ExportByQuery_HoldsTheMatchingExecutions_OldestFirst()
    {
        await using var h = Harness.Create();
        var first = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, lines: Seed.Error(ErrorCategory.External, "first KO"));
        await Seed.ExecutionAsync(h.Store, "sales", Harness.Start.AddHours(2), lines: Seed.Info("OK"));
        var second = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start.AddHours(4), lines: Seed.Error(ErrorCategory.External, "second KO"));
        await Seed.ExecutionAsync(h.Store, "sales", Harness.Start.AddDays(2), lines: Seed.Error(ErrorCategory.External, "out of the period"));
        using var stream = new MemoryStream();

        var count = await h.Provider.GetRequiredService<IExecutionSupport>().ExportMatchingAsync(
            new ExecutionQuery { InterfaceId = "sales", Status = ExecutionStatus.KO, StartedFrom = Harness.Start, StartedBefore = Harness.Start.AddDays(1) },
            ExportFormats.Csv,
            stream);

        Assert.Equal(2, count);
        var rows = Csv.Parse(stream.ToArray());
        Assert.Equal([first.Id.ToString(), second.Id.ToString()], rows.Skip(1).Select(r => r[0]));
    }
}
