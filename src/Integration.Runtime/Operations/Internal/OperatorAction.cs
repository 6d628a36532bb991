using System.Globalization;

namespace Integration;

/// <summary>
/// An operator action about to be recorded on an execution: what, who (already made safe by
/// <see cref="OperatorText.Clean"/>), and its detail; and the texts that show it, in the log and in a diagnosis.
/// </summary>
/// <param name="Kind">What the operator did.</param>
/// <param name="Actor">Who, cleaned; null when the caller named no one.</param>
/// <param name="Detail">The export's format, or the id of the execution a re-run re-runs; null otherwise.</param>
internal sealed record OperatorAction(ExecutionActionKind Kind, string? Actor, string? Detail)
{
    /// <summary>How an action whose caller named no one shows its actor.</summary>
    public const string Unnamed = "an unnamed operator";

    /// <summary>Gets the line the action writes in the execution's log; null for a cancel (its run ends with its own line).</summary>
    public string? Line => Kind switch
    {
        ExecutionActionKind.RunNow => $"Run now by {Who(Actor)}",
        ExecutionActionKind.Rerun => $"Re-run of {Detail} by {Who(Actor)}",
        ExecutionActionKind.Export => $"Exported as {Detail} by {Who(Actor)}",
        _ => null,
    };

    /// <summary>Describes a recorded action on one line, for a diagnosis: when, what, who.</summary>
    public static string Describe(ExecutionAction action)
    {
        var at = action.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
        var what = action.Kind switch
        {
            ExecutionActionKind.RunNow => "run now",
            ExecutionActionKind.Rerun => action.Detail is null ? "re-run" : $"re-run of {action.Detail}",
            ExecutionActionKind.Cancel => action.Detail is null ? "cancel asked" : $"cancel asked ({action.Detail})",
            ExecutionActionKind.Export => action.Detail is null ? "exported" : $"exported as {action.Detail}",
            _ => action.Kind.ToString(),
        };
        return $"{at} {what} by {Who(action.Actor)}";
    }

    private static string Who(string? actor) => actor ?? Unnamed;
}
