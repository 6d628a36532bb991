using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Integration.Export.Excel;

/// <summary>
/// Streams one worksheet with <see cref="OpenXmlWriter"/>, SAX style: a frozen, filterable header row, then one row at
/// a time. Every cell is a typed value (an inline string, a number or a date), never a formula; text is cleaned and cut
/// to what a cell holds.
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    /// <summary>The most rows an Excel sheet holds.</summary>
    public const int MaxRows = 1_048_576;

    private static readonly OpenXmlAttribute InlineString = new("t", string.Empty, "inlineStr");
    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");

    private static readonly string[] StyleTexts = Enumerable.Range(0, 2 * (int)ExcelStyles.Error).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static readonly OpenXmlAttribute[] PreserveSpaceAttributes = [PreserveSpace];

    // The writer only reads an element's name: one instance of each serves every row of this sheet.
    private readonly Row _rowElement = new();
    private readonly Cell _cellElement = new();
    private readonly InlineString _inlineStringElement = new();
    private readonly Text _textElement = new();
    private readonly CellValue _valueElement = new();
    private readonly Stream _part;
    private readonly Action<string> _closed;
    private readonly OpenXmlWriter _writer;
    private readonly int _columns;
    private readonly string[] _columnNames;
    private readonly OpenXmlAttribute[] _textAttributes = new OpenXmlAttribute[3];
    private readonly OpenXmlAttribute[] _valueAttributes = new OpenXmlAttribute[2];
    private readonly OpenXmlAttribute[] _rowAttributes = new OpenXmlAttribute[1];
    private readonly OpenXmlAttribute[] _errorRowAttributes = new OpenXmlAttribute[3];
    private string _row = "0";
    private int _column;
    private bool _rowOpen;
    private bool _errorRow;

    /// <summary>Starts a sheet: writes its view (header frozen), its column widths and its header row.</summary>
    /// <param name="part">The worksheet part's stream; closed with the sheet.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="closed">Called with the auto-filter range once the sheet is closed.</param>
    public SheetWriter(Stream part, IReadOnlyList<SheetColumn> columns, Action<string> closed)
    {
        _part = part;
        _closed = closed;
        _writer = OpenXmlWriter.Create(part);
        _columns = columns.Count;
        _columnNames = Enumerable.Range(1, columns.Count).Select(ColumnName).ToArray();
        _errorRowAttributes[1] = new OpenXmlAttribute("s", string.Empty, StyleText(ExcelStyles.Text + ExcelStyles.Error));
        _errorRowAttributes[2] = new OpenXmlAttribute("customFormat", string.Empty, "1");
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new("A2")]) })
        { WorkbookViewId = 0 }));
        _writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        _writer.WriteStartElement(new SheetData());
        StartRow(error: false);
        foreach (var column in columns)
        {
            Text(column.Header, ExcelStyles.Header);
        }
    }

    /// <summary>Gets how many rows were written, the header included.</summary>
    public int Rows { get; private set; }

    /// <summary>Gets a value indicating whether the sheet holds no more rows.</summary>
    public bool IsFull => Rows >= MaxRows;

    public void StartRow(bool error)
    {
        EndRow();
        Rows++;
        _errorRow = error;
        _row = Rows.ToString(CultureInfo.InvariantCulture);
        _column = 0;

        // An error row carries the red style itself, so that its empty cells (not written) are red too.
        var attributes = error ? _errorRowAttributes : _rowAttributes;
        attributes[0] = new OpenXmlAttribute("r", string.Empty, _row);
        _writer.WriteStartElement(_rowElement, attributes);
        _rowOpen = true;
    }

    public void Text(string? value, uint style = ExcelStyles.Text)
    {
        if (string.IsNullOrEmpty(value))
        {
            Skip();
            return;
        }

        var text = ExportText.Cut(ExportText.Clean(value), ExportText.ExcelCellLimit);
        _textAttributes[0] = Reference();
        _textAttributes[1] = InlineString;
        _textAttributes[2] = Style(style);
        _writer.WriteStartElement(_cellElement, _textAttributes);
        _writer.WriteStartElement(_inlineStringElement);
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n', StringComparison.Ordinal))
        {
            _writer.WriteStartElement(_textElement, PreserveSpaceAttributes);
        }
        else
        {
            _writer.WriteStartElement(_textElement);
        }

        _writer.WriteString(text);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    public void Number(double? value, uint style = ExcelStyles.Text)
    {
        if (value is not { } number || !double.IsFinite(number))
        {
            Skip();
            return;
        }

        Value(number.ToString("R", CultureInfo.InvariantCulture), style);
    }

    /// <summary>Writes an instant as an Excel date, in UTC.</summary>
    public void Date(DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            Skip();
            return;
        }

        Value(time.UtcDateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture), ExcelStyles.Date);
    }

    /// <summary>Writes a duration as an Excel time span, shown [h]:mm:ss.</summary>
    public void Duration(TimeSpan? value)
        => Number(value?.TotalDays, ExcelStyles.Duration);

    /// <summary>Ends the sheet: closes its data, adds the header's auto-filter, and flushes the part.</summary>
    public void Close()
    {
        EndRow();
        _writer.WriteEndElement();
        _writer.WriteElement(new AutoFilter { Reference = FilterRange });
        _writer.WriteEndElement();
        _writer.Close();
        _part.Dispose();
        _closed(FilterRange);
    }

    /// <summary>Gets the range the header's auto-filter covers, e.g. <c>A1:Q2001</c>.</summary>
    public string FilterRange => $"A1:{ColumnName(_columns)}{Math.Max(Rows, 1)}";

    public void Dispose()
    {
        _writer.Dispose();
        _part.Dispose();
    }

    private static string ColumnName(int column)
    {
        var name = string.Empty;
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    private void Value(string value, uint style)
    {
        _valueAttributes[0] = Reference();
        _valueAttributes[1] = Style(style);
        _writer.WriteStartElement(_cellElement, _valueAttributes);
        _writer.WriteStartElement(_valueElement);
        _writer.WriteString(value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    // Empty cells are not written: every written cell names its reference.
    private void Skip() => _column++;

    private OpenXmlAttribute Reference() => new("r", string.Empty, string.Concat(_columnNames[_column++], _row));

    private OpenXmlAttribute Style(uint style)
        => new("s", string.Empty, StyleText(_errorRow && style != ExcelStyles.Header ? style + ExcelStyles.Error : style));

    private static string StyleText(uint style) => StyleTexts[style];

    private void EndRow()
    {
        if (_rowOpen)
        {
            _writer.WriteEndElement();
            _rowOpen = false;
        }
    }
}
