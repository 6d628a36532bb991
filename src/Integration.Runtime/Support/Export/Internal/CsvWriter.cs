using System.Globalization;

namespace Integration;

/// <summary>
/// Writes RFC 4180 CSV: fields separated by commas, records by CRLF; a field holding a comma, a quote, CR or LF is
/// quoted, its quotes doubled. Text a spreadsheet would read as a formula is prefixed with a single quote.
/// </summary>
internal sealed class CsvWriter(TextWriter writer)
{
    private bool _atRecordStart = true;

    public void Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var text = ExportText.Clean(value);
        if (ExportText.IsFormulaLike(text))
        {
            text = "'" + text;
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public void Number(long? value)
    {
        Separator();
        if (value is { } number)
        {
            writer.Write(number.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void Number(double? value)
    {
        Separator();
        if (value is { } number)
        {
            writer.Write(number.ToString("0.###", CultureInfo.InvariantCulture));
        }
    }

    public void Time(DateTimeOffset? value)
    {
        Separator();
        if (value is { } time)
        {
            writer.Write(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
    }

    public void EndRecord()
    {
        writer.Write("\r\n");
        _atRecordStart = true;
    }

    private void Separator()
    {
        if (!_atRecordStart)
        {
            writer.Write(',');
        }

        _atRecordStart = false;
    }
}
