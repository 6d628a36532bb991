using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using static Integration.Export.Excel.Tests.ExcelHost;

namespace Integration.Export.Excel.Tests;

public sealed class WorkbookValidityTests
{
    [Fact]
    public async Task Workbook_OpensWithTheOpenXmlSdk_AndPassesSchemaValidation()
    {
        await using var host = new ExcelHost();
        var e = await host.SeedAsync(
        [
            Info("Fetching sales"),
            new LogEntry { Message = "GET", Exchange = new ExchangeDetails { Method = "GET", StatusCode = 200, RequestHeaders = "Accept: */*" }, CorrelationId = "c" },
            Error(ErrorCategory.Mapping, "=1+1 nul\0"),
        ]);
        using var stream = new MemoryStream(await host.ExportAsync(e.Id));

        using var document = SpreadsheetDocument.Open(stream, isEditable: false);

        var errors = new OpenXmlValidator().Validate(document).Select(v => $"{v.Part?.Uri} {v.Path?.XPath}: {v.Description}").ToList();
        Assert.Empty(errors);
        Assert.Equal(["Summary", "Log"], document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
    }

    [Fact]
    public async Task Workbook_WrittenToAStreamThatIsNotAFileOrMemory_GoesThroughATemporaryFile_Whole()
    {
        await using var host = new ExcelHost();
        var e = await host.SeedAsync([Info("one"), Error(ErrorCategory.Technical, "two")]);
        var memory = new MemoryStream();
        await using (var other = new BufferedStream(memory))
        {
            await host.Support.ExportAsync(e.Id, ExportFormats.Xlsx, other);
        }

        using var document = SpreadsheetDocument.Open(new MemoryStream(memory.ToArray()), isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public async Task MillionLineLog_IsExportedInOneStreamedSheet_WithFlatMemory()
    {
        const int lines = 1_000_000;
        await using var host = new ExcelHost();
        var e = await host.SeedAsync(Enumerable.Range(1, lines).Select(i => i % 1000 == 0 ? Error(ErrorCategory.External, "FNAC answered 503") : Info("Sale integrated")));
        var diagnosis = await host.Support.DiagnoseAsync(e.Id);
        var store = new LiveMemoryStore(host.Store, every: 200);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var path = Path.Combine(Path.GetTempPath(), $"integration-million-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = File.Create(path))
            {
                await new ExcelExecutionExporter(store).ExportAsync([diagnosis], file, CancellationToken.None);
            }

            using var zip = ZipFile.OpenRead(path);
            Assert.Equal(lines + 1, CountRows(zip.GetEntry("xl/worksheets/sheet2.xml")!));
            Assert.Null(zip.GetEntry("xl/worksheets/sheet3.xml"));
            Assert.Equal(5, store.Samples);

            // The store holds the million lines; the export itself keeps about one page of them alive, never the log.
            Assert.InRange(store.MaxLiveBytes - before, long.MinValue, 32L << 20);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int CountRows(ZipArchiveEntry sheet)
    {
        using var reader = XmlReader.Create(sheet.Open());
        var rows = 0;
        while (reader.ReadToFollowing("row", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"))
        {
            rows++;
        }

        return rows;
    }
}
