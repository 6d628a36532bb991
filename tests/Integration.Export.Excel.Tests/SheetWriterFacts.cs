using System.Xml.Linq;

namespace Integration.Export.Excel.Tests;

/// <summary>
/// <see cref="SheetWriter"/>'s cells as written, read back from the worksheet XML: every cell names its reference,
/// empty values write no cell (the next cell keeps its column), text is an inline string (never a formula) cleaned and
/// cut to what a cell holds, and error rows shift every style but the header's to its red twin.
/// A cell is described as "reference type style content", with "-" for no type and "[preserve]" for xml:space.
/// </summary>
public sealed class SheetWriterFacts
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static TheoryData<string, object?, bool, string> Cells => new()
    {
        { "text", "plain", false, "A2 inlineStr 0 plain" },
        { "text", "=1+1", false, "A2 inlineStr 0 =1+1" },
        { "text", "-5", false, "A2 inlineStr 0 -5" },
        { "text", " lead", false, "A2 inlineStr 0  lead [preserve]" },
        { "text", "trail ", false, "A2 inlineStr 0 trail  [preserve]" },
        { "text", "a\nb", false, "A2 inlineStr 0 a\nb [preserve]" },
        { "text", "nul\0 esc\u001B", false, "A2 inlineStr 0 nul\u2400 esc\u241B" },
        { "text", "lone \uD83D", false, "A2 inlineStr 0 lone \uFFFD" },
        { "text", "", false, "" },
        { "text", null, false, "" },
        { "text", "plain", true, "A2 inlineStr 5 plain" },

        { "number", 2.5, false, "A2 - 0 2.5" },
        { "number", 0.1, false, "A2 - 0 0.1" },
        { "number", -3.0, false, "A2 - 0 -3" },
        { "number", 1e21, false, "A2 - 0 1E+21" },
        { "number", double.NaN, false, "" },
        { "number", double.PositiveInfinity, false, "" },
        { "number", null, false, "" },
        { "number", 2.5, true, "A2 - 5 2.5" },

        { "date", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromHours(1)), false, "A2 - 2 46083.458333333336" },
        { "date", new DateTimeOffset(1899, 12, 30, 0, 0, 0, TimeSpan.Zero), false, "A2 - 2 0" },
        { "date", null, false, "" },
        { "date", new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), true, "A2 - 7 46083.458333333336" },

        { "duration", TimeSpan.FromMinutes(90), false, "A2 - 3 0.0625" },
        { "duration", TimeSpan.Zero, false, "A2 - 3 0" },
        { "duration", null, false, "" },
        { "duration", TimeSpan.FromHours(36), true, "A2 - 8 1.5" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void AValue_IsWrittenAsATypedCell_NeverAFormula(string kind, object? value, bool errorRow, string cell)
    {
        var sheet = Write([new("Value", 10)], writer =>
        {
            writer.StartRow(errorRow);
            switch (kind)
            {
                case "text":
                    writer.Text((string?)value);
                    break;
                case "number":
                    writer.Number((double?)value);
                    break;
                case "date":
                    writer.Date((DateTimeOffset?)value);
                    break;
                default:
                    writer.Duration((TimeSpan?)value);
                    break;
            }
        });

        Assert.Equal(cell, string.Join(" | ", Describe(sheet, row: 2)));
        Assert.Empty(sheet.Descendants(Main + "f"));
    }

    [Fact]
    public void TheHeaderRow_IsStyledAsAHeader_AndEmptyCellsKeepTheirColumn()
    {
        var sheet = Write([new("Execution", 38), new("Level", 12), new("Message", 80)], writer =>
        {
            writer.StartRow(error: true);
            writer.Text(null);
            writer.Text("Error");
            writer.Text("boom", ExcelStyles.Header);
        });

        Assert.Equal(["A1 inlineStr 1 Execution", "B1 inlineStr 1 Level", "C1 inlineStr 1 Message"], Describe(sheet, row: 1));
        Assert.Equal(["B2 inlineStr 5 Error", "C2 inlineStr 1 boom"], Describe(sheet, row: 2));
    }

    [Fact]
    public void AnOverLongText_IsCutToWhatACellHolds()
    {
        var sheet = Write([new("Body", 60)], writer =>
        {
            writer.StartRow(error: false);
            writer.Text(new string('x', 40_000));
        });

        var text = sheet.Descendants(Main + "t").Last().Value;
        Assert.Equal(ExportText.ExcelCellLimit, text.Length);
        Assert.EndsWith("… [cut: 40000 characters in all]", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0, "A1:A1")]
    [InlineData(1, 1, "A1:A2")]
    [InlineData(17, 2000, "A1:Q2001")]
    [InlineData(26, 0, "A1:Z1")]
    [InlineData(27, 0, "A1:AA1")]
    [InlineData(52, 0, "A1:AZ1")]
    [InlineData(53, 0, "A1:BA1")]
    [InlineData(702, 0, "A1:ZZ1")]
    [InlineData(703, 0, "A1:AAA1")]
    public void TheAutoFilter_CoversTheHeaderAndEveryRow(int columns, int rows, string range)
    {
        string? closed = null;
        using var part = new MemoryStream();
        var writer = new SheetWriter(part, [.. Enumerable.Range(1, columns).Select(i => new SheetColumn($"c{i}", 10))], r => closed = r);
        for (var i = 0; i < rows; i++)
        {
            writer.StartRow(error: false);
            writer.Number(i);
        }

        writer.Close();

        Assert.Equal((range, range), (writer.FilterRange, closed));
        Assert.Equal(range, XDocument.Load(new MemoryStream(part.ToArray())).Descendants(Main + "autoFilter").Single().Attribute("ref")!.Value);
        Assert.Equal(rows + 1, writer.Rows);
    }

    private static XDocument Write(SheetColumn[] columns, Action<SheetWriter> rows)
    {
        using var part = new MemoryStream();
        var writer = new SheetWriter(part, columns, _ => { });
        rows(writer);
        writer.Close();
        return XDocument.Load(new MemoryStream(part.ToArray()));
    }

    private static List<string> Describe(XDocument sheet, int row)
        => [.. sheet.Descendants(Main + "row")
            .Single(r => r.Attribute("r")!.Value == row.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Elements(Main + "c")
            .Select(c =>
            {
                var text = c.Element(Main + "is")?.Element(Main + "t");
                var content = text?.Value ?? c.Element(Main + "v")!.Value;
                var preserve = text?.Attribute(XNamespace.Xml + "space")?.Value == "preserve" ? " [preserve]" : string.Empty;
                return $"{c.Attribute("r")!.Value} {c.Attribute("t")?.Value ?? "-"} {c.Attribute("s")!.Value} {content}{preserve}";
            })];
}
