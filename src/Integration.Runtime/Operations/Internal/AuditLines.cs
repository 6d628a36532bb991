namespace Integration;

/// <summary>The lines that open an operator's execution, naming who asked: one text, wherever the execution starts.</summary>
internal static class AuditLines
{
    /// <summary>The first line of a run now; null when no actor was said.</summary>
    public static string? RunNow(string? actor) => actor is null ? null : $"Run now by {actor}";

    /// <summary>The first line of a re-run; null when no actor was said.</summary>
    public static string? Rerun(ExecutionId original, string? actor) => actor is null ? null : $"Re-run of {original} by {actor}";
}
