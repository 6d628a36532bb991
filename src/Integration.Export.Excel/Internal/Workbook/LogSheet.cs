namespace Integration.Export.Excel;

/// <summary>The "Log" sheet: one row per log line of every exported execution, error rows filled red.</summary>
internal static class LogSheet
{
    public const string Name = "Log";

    public static readonly SheetColumn[] Columns =
    [
        new("Execution", 38), new("Sequence", 10), new("Time (UTC)", 24), new("Level", 12), new("Category", 17),
        new("Message", 80), new("Correlation id", 24), new("Direction", 11), new("Method", 9), new("Target", 50),
        new("Status code", 8), new("Duration (ms)", 10), new("Request headers", 40), new("Request body", 60),
        new("Response headers", 40), new("Response body", 60), new("Exception", 60),
    ];

    public static void Write(SheetWriter sheet, string executionId, in LogEntry line)
    {
        var x = line.Exchange;
        sheet.StartRow(error: line.IsError);
        sheet.Text(executionId);
        sheet.Number(line.Sequence);
        sheet.Date(line.Time);
        sheet.Text(line.Level.ToString());
        sheet.Text(line.Category?.Indicator());
        sheet.Text(line.Message);
        sheet.Text(line.CorrelationId);
        sheet.Text(x is null ? null : x.Direction == InterfaceDirection.Outbound ? "Host called" : "Host was called");
        sheet.Text(x?.Method);
        sheet.Text(x?.Target);
        sheet.Number(x?.StatusCode);
        sheet.Number(x?.Duration?.TotalMilliseconds);
        sheet.Text(x?.RequestHeaders);
        sheet.Text(x?.RequestBody);
        sheet.Text(x?.ResponseHeaders);
        sheet.Text(x?.ResponseBody);
        sheet.Text(line.Exception is { } ex ? ex.StackTrace is null ? ex.ToString() : $"{ex}\n{ex.StackTrace}" : null);
    }
}
