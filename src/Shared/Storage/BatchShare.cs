namespace Integration.Storage;

/// <summary>
/// One execution's share of a log batch: how many lines it has in the batch and how many error lines of each
/// category, which the batch adds to the execution's row with its sequences. Compiled into each SQL store package.
/// </summary>
internal sealed class BatchShare
{
    public int Lines { get; private set; }

    public ErrorCounts Errors { get; private set; }

    /// <summary>Gets the batch's shares, one per execution, in id order (the order rows are locked in).</summary>
    public static SortedDictionary<ExecutionId, BatchShare> Of(List<PendingLine> batch)
    {
        var shares = new SortedDictionary<ExecutionId, BatchShare>();
        foreach (var pending in batch)
        {
            if (!shares.TryGetValue(pending.ExecutionId, out var share))
            {
                shares[pending.ExecutionId] = share = new BatchShare();
            }

            share.Lines++;
            if (pending.Entry.IsError)
            {
                share.Errors = share.Errors.Add(pending.Entry.Category ?? ErrorCategory.Technical);
            }
        }

        return shares;
    }
}
