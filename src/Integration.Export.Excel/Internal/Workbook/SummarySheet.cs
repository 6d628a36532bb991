namespace Integration.Export.Excel;

/// <summary>The "Summary" sheet: one row per execution, with what support reads first and the diagnosis in full.</summary>
internal static class SummarySheet
{
    public const string Name = "Summary";

    public static readonly SheetColumn[] Columns =
    [
        new("Interface", 20), new("Type", 18), new("Provider", 18), new("Provider contact", 26), new("Schedule", 20),
        new("Execution", 38), new("Trigger", 10), new("Re-run of", 38), new("Window from (UTC)", 24), new("Window to (UTC)", 24),
        new("Status", 10), new("Reason", 34), new("Started (UTC)", 24), new("Ended (UTC)", 24), new("Duration", 11),
        new("Duration exceeded", 10), new("Error lines", 8), new("Cascades", 8), new("Category", 17), new("Action", 40),
        new("Contact", 40), new("Re-run advice", 16), new("API support", 12), new("Diagnosis", 100),
        new("Operator actions", 60),
    ];

    public static void Write(SheetWriter sheet, ExecutionDiagnosis d)
    {
        var e = d.Execution;
        sheet.StartRow(error: e.Status is ExecutionStatus.KO or ExecutionStatus.Abandoned);
        sheet.Text(e.InterfaceId);
        sheet.Text(d.Interface?.Type.Name);
        sheet.Text(d.Interface?.Provider.Name);
        sheet.Text(d.Interface?.Provider.Contact);
        sheet.Text(e.ScheduleId);
        sheet.Text(e.Id.ToString());
        sheet.Text(e.Trigger.ToString());
        sheet.Text(e.RerunOf?.ToString());
        sheet.Date(e.Window.From);
        sheet.Date(e.Window.To);
        sheet.Text(e.Status.ToString());
        sheet.Text(e.IsEnded ? e.Reason.ToString() : "Still running: this export holds the lines written so far");
        sheet.Date(e.StartedAt);
        sheet.Date(e.EndedAt);
        sheet.Duration(d.Elapsed);
        sheet.Text(d.DurationExceeded ? "Yes" : "No");
        sheet.Number(d.Errors.Total);
        sheet.Number(d.Errors.Cascade);
        sheet.Text(d.Category?.Indicator());
        sheet.Text(d.Action);
        sheet.Text(string.Join("\n", d.Contacts.Select(c => c.ToString())));
        sheet.Text(d.RerunAdvice.ToString());
        sheet.Text(d.IsProbablyApiIntegration ? "Yes" : "No");
        sheet.Text(d.ToText(), ExcelStyles.Wrapped);
        sheet.Text(d.Actions.Count == 0 ? null : string.Join("\n", d.Actions.Select(OperatorAction.Describe)), ExcelStyles.Wrapped);
    }
}
