using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Integration.Export.Excel;

/// <summary>The workbook's few cell styles, by index into its cell formats, and the stylesheet that defines them.</summary>
internal static class ExcelStyles
{
    public const uint Text = 0;
    public const uint Header = 1;
    public const uint Date = 2;
    public const uint Duration = 3;
    public const uint Wrapped = 4;

    /// <summary>Added to a style to get its error variant: the same, filled red.</summary>
    public const uint Error = 5;

    /// <summary>The fill of error rows: Excel's light red, readable with black text.</summary>
    public const string ErrorFillRgb = "FFFFC7CE";

    private const uint DateFormat = 164;
    private const uint DurationFormat = 165;

    public static Stylesheet Create()
    {
        var formats = new CellFormat[]
        {
            new() { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
            new() { FontId = 1, FillId = 3, BorderId = 0, NumberFormatId = 0, ApplyFont = true, ApplyFill = true },
            new() { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = DateFormat, ApplyNumberFormat = true },
            new() { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = DurationFormat, ApplyNumberFormat = true },
            new(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyAlignment = true },
        };
        var withErrors = formats.Concat(formats.Select(f => Red((CellFormat)f.CloneNode(deep: true)))).ToArray();

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "yyyy-mm-dd hh:mm:ss.000" },
                new NumberingFormat { NumberFormatId = DurationFormat, FormatCode = "[h]:mm:ss" }) { Count = 2 },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid(ErrorFillRgb),
                Solid("FFD9D9D9")) { Count = 4 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(withErrors) { Count = (uint)withErrors.Length },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    private static CellFormat Red(CellFormat format)
    {
        format.FillId = 2;
        format.ApplyFill = true;
        return format;
    }

    private static Fill Solid(string rgb)
        => new(new PatternFill(new ForegroundColor { Rgb = HexBinaryValue.FromString(rgb) }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
}
