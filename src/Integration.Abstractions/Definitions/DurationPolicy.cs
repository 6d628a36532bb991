namespace Integration;

/// <summary>What the duration guard does when an execution runs past its maximum duration.</summary>
public enum DurationPolicy
{
    /// <summary>The default: flag the execution, write a warning line and report it; the connector keeps running.</summary>
    Flag,

    /// <summary>Flag it, then cancel the connector's token: the execution ends KO with reason <see cref="ExecutionReason.Timeout"/>.</summary>
    Cancel,
}
