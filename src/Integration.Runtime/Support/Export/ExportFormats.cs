namespace Integration;

/// <summary>The names of the well-known export formats.</summary>
public static class ExportFormats
{
    /// <summary>RFC 4180 CSV, UTF-8 with a byte order mark, one row per log line; built into the runtime.</summary>
    public const string Csv = "csv";

    /// <summary>JSON: the executions with their diagnosis and log; built into the runtime.</summary>
    public const string Json = "json";

    /// <summary>An Excel workbook (.xlsx) with a Summary and a Log sheet; added by the Integration.Export.Excel package.</summary>
    public const string Xlsx = "xlsx";
}
