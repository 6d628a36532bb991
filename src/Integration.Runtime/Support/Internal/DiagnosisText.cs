using System.Globalization;
using System.Text;

namespace Integration;

/// <summary>Renders a diagnosis as plain text for a ticket: short lines, no markup, times in UTC.</summary>
internal static class DiagnosisText
{
    private const int MessageWidth = 500;

    public static string Render(ExecutionDiagnosis d)
    {
        var e = d.Execution;
        var text = new StringBuilder();
        var name = d.Interface is { } i && i.DisplayName != i.Id ? $"{i.Id} ({i.DisplayName})" : e.InterfaceId;
        Line(text, $"Execution {e.Id} of interface {name}");
        if (d.Interface is { } def)
        {
            Line(text, $"Type: {def.Type}; provider: {def.Provider.Name}; {(e.Kind == ExecutionKind.Daily ? "daily execution" : "schedule")} {e.ScheduleId}");
        }
        else
        {
            Line(text, $"Interface '{e.InterfaceId}' is not registered in this host; schedule {e.ScheduleId}");
        }

        Line(text, $"Trigger: {e.Trigger}{(e.RerunOf is { } of ? $" (re-run of {of})" : string.Empty)}; window {Time(e.Window.From)} to {Time(e.Window.To)}");
        Line(text, $"Status: {Status(e)}");
        Line(text, e.EndedAt is { } ended
            ? $"Started {Time(e.StartedAt)}, ended {Time(ended)}, lasted {Duration(d.Elapsed)}"
            : $"Started {Time(e.StartedAt)}, still running after {Duration(d.Elapsed)}: this is what it logged so far");
        if (d.DurationExceeded)
        {
            Line(text, $"Duration anomaly: it ran past its maximum duration{(d.MaxDuration is { } max ? $" of {Duration(max)}" : string.Empty)}.");
        }

        RootErrors(text, d);
        Actions(text, d);
        Contacts(text, d);
        Rerun(text, d);
        FailedCalls(text, d);
        if (d.IsProbablyApiIntegration)
        {
            Line(text, $"API support: all executions of this interface are daily and its type is {d.Interface!.Type}: it is probably an API integration, whose analysis can go to API support.");
        }

        return text.ToString();
    }

    private static void RootErrors(StringBuilder text, ExecutionDiagnosis d)
    {
        if (d.RootErrors.Count == 0)
        {
            if (d.Execution.Status is ExecutionStatus.KO or ExecutionStatus.Abandoned)
            {
                Line(text, "No error line: see the status above.");
            }

            return;
        }

        var cascades = d.Errors.Cascade > 0 ? $"; {d.Errors.Cascade} cascade error(s) only follow from them" : string.Empty;
        Line(text, $"First errors ({d.RootErrors.Count} shown of {d.Errors.Total} error line(s){cascades}):");
        foreach (var error in d.RootErrors)
        {
            var category = error.Category ?? ErrorCategory.Technical;
            var call = error.CorrelationId is { } id ? $" (call {id})" : string.Empty;
            Line(text, $"  #{error.Sequence} {Time(error.Time)} {category.Indicator()} {OneLine(error.Message)}{call}");
        }

        Line(text, $"What to do: {d.Category!.Value.Indicator()} {d.Category.Value.Meaning()} {d.Action}");
        foreach (var other in d.RootErrors.Select(r => r.Category ?? ErrorCategory.Technical).Distinct().Skip(1))
        {
            Line(text, $"  also {other.Indicator()} {other.Action()}");
        }
    }

    private static void Contacts(StringBuilder text, ExecutionDiagnosis d)
    {
        foreach (var contact in d.Contacts)
        {
            var about = contact.Category is { } c ? $" for {c.Indicator()} errors" : string.Empty;
            var who = contact.Role == SupportContactRole.Provider ? $"the provider {contact}" : contact.ToString();
            Line(text, $"Contact{about}: {who}");
        }
    }

    private static void Rerun(StringBuilder text, ExecutionDiagnosis d)
    {
        if (d.AutomaticRerun is { } automatic)
        {
            Line(text, automatic.StartedAs is { } started
                ? $"Automatic re-run {automatic.Attempt} of {automatic.MaxAttempts} (due {Time(automatic.DueAt)}) started as {started}."
                : $"Automatic re-run {automatic.Attempt} of {automatic.MaxAttempts} due at {Time(automatic.DueAt)}: nothing to do until then.");
        }

        switch (d.RerunAdvice)
        {
            case RerunAdvice.Rerun:
                Line(text, "Re-run: re-run it (a scheduled execution is idempotent: the re-run repeats the same window).");
                break;
            case RerunAdvice.ContactProvider:
                var other = d.LatestRerun is { Status: ExecutionStatus.KO } rerun ? $"its re-run {rerun.Id}" : $"the execution it re-ran ({d.Original?.Id})";
                Line(text, $"Re-run: {other} failed the same way (External errors). Do not re-run again: contact the provider.");
                break;
            default:
                if (d.LatestRerun is { } latest)
                {
                    Line(text, $"Re-run: already re-run as {latest.Id}, which is {Status(latest)}.");
                }
                else if (d.Execution.Kind == ExecutionKind.Daily && d.Errors.Total > 0)
                {
                    Line(text, "Re-run: a day of real-time calls cannot be re-run; look at the failed calls.");
                }

                break;
        }
    }

    private static void FailedCalls(StringBuilder text, ExecutionDiagnosis d)
    {
        if (d.FailedCalls.Count == 0)
        {
            return;
        }

        Line(text, $"Calls that provoked errors ({d.FailedCalls.Count} shown of {d.FailedCallCount}):");
        foreach (var call in d.FailedCalls)
        {
            var role = call.HostWasCaller ? "the host called the external system" : "the external system called the host";
            Line(text, $"  {call.CorrelationId}: {role}; {call.ErrorCount} error(s), first #{call.FirstErrorSequence} {Time(call.FirstErrorTime)} {OneLine(call.FirstErrorMessage)}");
        }
    }

    private static void Actions(StringBuilder text, ExecutionDiagnosis d)
    {
        if (d.Execution is { IsEnded: false, CancelRequest: { } request })
        {
            Line(text, $"Cancel requested by {request.RequestedBy ?? OperatorAction.Unnamed} at {Time(request.RequestedAt)}: its node cancels it at its next heartbeat.");
        }

        if (d.Actions.Count == 0)
        {
            return;
        }

        var shown = d.Actions.Count == ExecutionDiagnosis.MaxActions ? $" (the first {ExecutionDiagnosis.MaxActions})" : string.Empty;
        Line(text, $"Operator actions{shown}:");
        foreach (var action in d.Actions)
        {
            Line(text, $"  {OneLine(OperatorAction.Describe(action))}");
        }
    }

    private static string Status(Execution e) => e.Reason == ExecutionReason.None
        ? e.Status.ToString()
        : $"{e.Status} ({e.Reason.ToString().ToLowerInvariant()})";

    private static string Time(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan duration)
        => duration.ToString(duration.TotalDays >= 1 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);

    // A root error's message is shown on one line, shortened, with characters a ticket cannot hold replaced.
    private static string OneLine(string message)
    {
        var clean = ExportText.Clean(message).ReplaceLineEndings(" ");
        return clean.Length <= MessageWidth ? clean : string.Concat(clean.AsSpan(0, MessageWidth), "…");
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
