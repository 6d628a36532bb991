using System.Text.Json;
using static Integration.Export.Excel.Tests.ExcelHost;

namespace Integration.Export.Excel.Tests;

public sealed class ExcelExportTests
{
    private const int Message = 6;
    private const int ResponseBody = 16;

    [OpenpyxlFact]
    public async Task Workbook_ReadByOpenpyxl_HasItsSheets_RedErrorRows_RealDates_AndNoFormula()
    {
        await using var host = new ExcelHost();
        var e = await host.SeedAsync(
        [
            Info("Fetching sales"),
            new LogEntry { Message = "GET sales -> 503", Exchange = new ExchangeDetails { Method = "GET", Target = "https://fnac.example/sales", StatusCode = 503, Duration = TimeSpan.FromMilliseconds(12.5) }, CorrelationId = "c-1" },
            Error(ErrorCategory.External, "FNAC answered 503"),
            new LogEntry { Level = ExecutionLogLevel.Error, Category = ErrorCategory.Cascade, Message = "No sales integrated", CausedBy = 3 },
        ]);

        var book = await Openpyxl.ReadAsync(await host.ExportAsync(e.Id));

        Assert.Equal(["Summary", "Log"], book.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()));
        var log = book.Sheet("Log");
        Assert.Equal(5, log.GetProperty("max_row").GetInt32());
        Assert.Equal("A2", log.GetProperty("freeze").GetString());
        Assert.Equal("A1:Q5", log.GetProperty("filter").GetString());
        Assert.Equal(["Execution", "Sequence", "Time (UTC)", "Level", "Category", "Message"], Enumerable.Range(1, 6).Select(c => log.Cell(1, c).Text()));
        Assert.Equal([null, null, "FFFFC7CE", "FFFFC7CE"], Enumerable.Range(2, 4).Select(r => log.Cell(r, Message).GetProperty("fill").GetString()));
        Assert.All(Enumerable.Range(2, 4), r => Assert.True(log.Cell(r, 3).GetProperty("date").GetBoolean()));
        Assert.Equal("2026-03-02 09:30:00", log.Cell(2, 3).Text());
        Assert.Equal(2, log.Cell(3, 2).GetProperty("v").GetInt32());
        Assert.Equal(503, log.Cell(3, 11).GetProperty("v").GetInt32());
        Assert.Equal("[EXTERNAL]", log.Cell(4, 5).Text());
        Assert.True(log.GetProperty("widths").GetProperty("F").GetDouble() >= 60);

        var summary = book.Sheet("Summary");
        Assert.Equal(2, summary.GetProperty("max_row").GetInt32());
        Assert.Equal("A2", summary.GetProperty("freeze").GetString());
        Assert.Equal(e.Id.ToString(), summary.Cell(2, 6).Text());
        Assert.Equal("KO", summary.Cell(2, 11).Text());
        Assert.Equal("FFFFC7CE", summary.Cell(2, 11).GetProperty("fill").GetString());
        Assert.True(summary.Cell(2, 13).GetProperty("date").GetBoolean());
        Assert.Contains("FNAC answered 503", summary.Cell(2, 24).Text(), StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.External.Action(), summary.Cell(2, 20).Text());
        AssertNoFormula(book);
    }

    [OpenpyxlFact]
    public async Task FormulaLikeMessages_StayLiteralText()
    {
        await using var host = new ExcelHost();
        string[] messages = ["=HYPERLINK(\"http://evil.example\",\"Click\")", "+1", "-1", "@SUM(1)", "=1+1"];
        var e = await host.SeedAsync(messages.Select(m => Error(ErrorCategory.External, m)));

        var book = await Openpyxl.ReadAsync(await host.ExportAsync(e.Id));

        var log = book.Sheet("Log");
        Assert.Equal(messages, Enumerable.Range(2, messages.Length).Select(r => log.Cell(r, Message).Text()));
        Assert.All(Enumerable.Range(2, messages.Length), r => Assert.Equal("s", log.Cell(r, Message).GetProperty("t").GetString()));
        AssertNoFormula(book);
    }

    [OpenpyxlFact]
    public async Task UnsafeCharactersAndHugePayloads_AreExportedSafely()
    {
        await using var host = new ExcelHost();
        var e = await host.SeedAsync(
        [
            Info("nul\0 bell\a lone\uD800 low\uDC00 pair\uD83D\uDE00 \uFFFF"),
            Info("first line\r\nsecond line\rthird\n"),
            new LogEntry { Message = " padded ", Exchange = new ExchangeDetails { ResponseBody = new string('x', 100_000) } },
        ]);

        var book = await Openpyxl.ReadAsync(await host.ExportAsync(e.Id));

        var log = book.Sheet("Log");
        Assert.Equal("nul\u2400 bell\u2407 lone\uFFFD low\uFFFD pair\uD83D\uDE00 \uFFFD", log.Cell(2, Message).Text());
        Assert.StartsWith("first line", log.Cell(3, Message).Text(), StringComparison.Ordinal);
        Assert.Contains("second line", log.Cell(3, Message).Text(), StringComparison.Ordinal);
        Assert.Equal(" padded ", log.Cell(4, Message).Text());
        var payload = log.Cell(4, ResponseBody).Text()!;
        Assert.Equal(32_767, payload.Length);
        Assert.EndsWith("[cut: 100000 characters in all]", payload, StringComparison.Ordinal);
    }

    [OpenpyxlFact]
    public async Task RunningExecution_IsExportedMarkedAsRunning()
    {
        await using var host = new ExcelHost();
        var e = await host.SeedAsync([Info("so far")], ended: false);
        host.Time.Advance(TimeSpan.FromMinutes(3));

        var book = await Openpyxl.ReadAsync(await host.ExportAsync(e.Id));

        var summary = book.Sheet("Summary");
        Assert.Equal("Running", summary.Cell(2, 11).Text());
        Assert.StartsWith("Still running", summary.Cell(2, 12).Text(), StringComparison.Ordinal);
        Assert.Null(summary.Cell(2, 14).Text());
        Assert.Contains("still running after 00:03:00", summary.Cell(2, 24).Text(), StringComparison.Ordinal);
        Assert.Equal(2, book.Sheet("Log").GetProperty("max_row").GetInt32());
    }

    [OpenpyxlFact]
    public async Task KoExecutionsOfAnInterfaceInAPeriod_AreExportedInOneWorkbook()
    {
        await using var host = new ExcelHost();
        var first = await host.SeedAsync([Error(ErrorCategory.External, "first")]);
        await host.SeedAsync([Info("fine")], start: Start.AddHours(2));
        var second = await host.SeedAsync([Info("before"), Error(ErrorCategory.Mapping, "second")], start: Start.AddHours(4));
        using var stream = new MemoryStream();

        var count = await host.Support.ExportMatchingAsync(
            new ExecutionQuery { InterfaceId = "sales", Status = ExecutionStatus.KO, StartedFrom = Start, StartedBefore = Start.AddDays(1) },
            ExportFormats.Xlsx,
            stream);

        Assert.Equal(2, count);
        var book = await Openpyxl.ReadAsync(stream.ToArray());
        Assert.Equal([first.Id.ToString(), second.Id.ToString()], new[] { 2, 3 }.Select(r => book.Sheet("Summary").Cell(r, 6).Text()));
        Assert.Equal([first.Id.ToString(), second.Id.ToString(), second.Id.ToString()], new[] { 2, 3, 4 }.Select(r => book.Sheet("Log").Cell(r, 1).Text()));
    }

    [Fact]
    public async Task UnknownExecution_ThrowsExecutionNotFound()
    {
        await using var host = new ExcelHost();
        var unknown = ExecutionId.New(Start);

        var e = await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await host.ExportAsync(unknown));

        Assert.Equal(unknown, e.ExecutionId);
    }

    [Fact]
    public async Task AddExcelExport_AddsTheXlsxFormat_Once()
    {
        await using var host = new ExcelHost();

        Assert.Equal(["csv", "json", "xlsx"], host.Support.ExportFormats.Order());
    }

    private static void AssertNoFormula(JsonElement book)
    {
        foreach (var sheet in book.GetProperty("data").EnumerateObject())
        {
            foreach (var row in sheet.Value.GetProperty("rows").EnumerateArray())
            {
                Assert.All(row.EnumerateArray(), c => Assert.NotEqual("f", c.GetProperty("t").GetString()));
            }
        }
    }
}
