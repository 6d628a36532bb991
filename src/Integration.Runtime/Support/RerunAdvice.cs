namespace Integration;

/// <summary>Whether support should re-run an execution.</summary>
public enum RerunAdvice
{
    /// <summary>No re-run: it did not fail, it is still running, it is a daily execution, it failed for a reason a re-run does not fix, or it was already re-run.</summary>
    None,

    /// <summary>Re-run it: a scheduled execution that failed with External errors (or whose node died) is idempotent, so a re-run repeats the same effects.</summary>
    Rerun,

    /// <summary>Do not re-run again: its re-run (or the execution it re-ran) failed the same way, with External errors. Contact the provider.</summary>
    ContactProvider,
}
