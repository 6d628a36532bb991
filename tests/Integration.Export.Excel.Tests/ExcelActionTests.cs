namespace Integration.Export.Excel.Tests;

/// <summary>The operator actions in the xlsx export, and the export recorded as one.</summary>
public sealed class ExcelActionTests
{
    private const int Diagnosis = 24;
    private const int OperatorActions = 25;

    [OpenpyxlFact]
    public async Task Summary_ListsTheActionsRecordedBefore_AndTheExportByAnActorIsRecordedOnceWritten()
    {
        await using var host = new ExcelHost();
        var e = await host.SeedAsync([ExcelHost.Info("Fetching sales")]);
        await host.Store.RecordExecutionActionAsync(e.Id, ExecutionActionKind.RunNow, "alice", null);
        using var stream = new MemoryStream();

        await host.Support.ExportAsync(e.Id, ExportFormats.Xlsx, stream, "carol");

        var summary = (await Openpyxl.ReadAsync(stream.ToArray())).Sheet("Summary");
        Assert.Equal("Operator actions", summary.Cell(1, OperatorActions).Text());
        Assert.Equal("2026-03-02 09:30:00.000 UTC run now by alice", summary.Cell(2, OperatorActions).Text());
        Assert.Contains("Operator actions:", summary.Cell(2, Diagnosis).Text(), StringComparison.Ordinal);
        var actions = await host.Store.ReadExecutionActionsAsync(e.Id, 10);
        Assert.Equal([(ExecutionActionKind.RunNow, "alice", null), (ExecutionActionKind.Export, "carol", "xlsx")], actions.Select(a => (a.Kind, a.Actor, a.Detail)));
        var lines = await host.Store.ReadLogAsync(e.Id, new LogQuery());
        Assert.Equal("Exported as xlsx by carol", lines[^1].Message);
    }
}
