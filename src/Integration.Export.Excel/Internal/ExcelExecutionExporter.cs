namespace Integration.Export.Excel;

/// <summary>
/// Exports executions to an .xlsx workbook: a "Summary" sheet (one row per execution, with its diagnosis) and a "Log"
/// sheet (one row per log line; past Excel's 1,048,576 rows the log goes on in "Log 2", "Log 3"…). Rows are streamed
/// from the store page by page into a zip written in create mode, so memory stays flat however long the log.
/// </summary>
internal sealed class ExcelExecutionExporter(IExecutionStore store) : IExecutionExporter
{
    public string Format => ExportFormats.Xlsx;

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async ValueTask ExportAsync(IReadOnlyList<ExecutionDiagnosis> executions, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(destination);
        if (destination is FileStream or MemoryStream)
        {
            await WriteAsync(executions, destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The zip is written synchronously: other streams (a network, an HTTP response) get a copy of a temporary file.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (temp.ConfigureAwait(false))
        {
            await WriteAsync(executions, temp, cancellationToken).ConfigureAwait(false);
            temp.Position = 0;
            await temp.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask WriteAsync(IReadOnlyList<ExecutionDiagnosis> executions, Stream target, CancellationToken cancellationToken)
    {
        using var package = new WorkbookPackage(target);
        using (var summary = package.AddSheet(SummarySheet.Name, SummarySheet.Columns))
        {
            foreach (var diagnosis in executions)
            {
                SummarySheet.Write(summary, diagnosis);
            }

            summary.Close();
        }

        var logs = 1;
        var log = package.AddSheet(LogSheet.Name, LogSheet.Columns);
        try
        {
            foreach (var diagnosis in executions)
            {
                var executionId = diagnosis.Execution.Id.ToString();
                await foreach (var page in store.ReadLogPagesAsync(diagnosis.Execution.Id, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    foreach (var line in page)
                    {
                        if (log.IsFull)
                        {
                            log.Close();
                            log.Dispose();
                            log = package.AddSheet($"{LogSheet.Name} {++logs}", LogSheet.Columns);
                        }

                        LogSheet.Write(log, executionId, line);
                    }
                }
            }

            log.Close();
        }
        finally
        {
            log.Dispose();
        }

        package.Complete();
    }
}
