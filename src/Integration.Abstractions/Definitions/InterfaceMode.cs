namespace Integration;

/// <summary>How an external interface is triggered.</summary>
public enum InterfaceMode
{
    /// <summary>Runs on a cron schedule; each occurrence creates one execution.</summary>
    Scheduled,

    /// <summary>Runs when called; the calls of one local day are grouped into one daily execution.</summary>
    RealTime,
}
