namespace Integration.Storage.InMemory;

/// <summary>
/// The open executions of the reference store: the lease sweep's only source, so that it visits the few executions a
/// lease can expire on instead of copying a map of millions under all of its locks (which stopped every creation).
/// </summary>
/// <remarks>
/// A slot enters when it is created Running and not daily (a daily execution has no lease: the sweep never abandons
/// it), and leaves when it ends: completion (OK, KO, cancelled, a daily close), abandonment, or purge. The execution is
/// ended under its slot's lock before it leaves the index, and a creator adds the slot to the index before it reads
/// whether the execution has ended meanwhile: either the ender's removal or the creator's second look takes it out.
/// A slot seen by the sweep may therefore have ended already; the sweep looks again under the slot's lock.
/// </remarks>
internal sealed partial class InMemoryExecutionStore
{
    private readonly ExecutionStripes<Slot> _open = new();

    /// <summary>Gets or sets a test seam: called by the sweep for each open execution, before it takes its lock.</summary>
    internal Action<ExecutionId>? SweepVisiting { get; set; }

    /// <summary>Gets the number of executions in the open index (for tests).</summary>
    internal int OpenCount => _open.Count;

    // Daily executions have no owning node: they stay open all day and are closed by the day's roll-over, never abandoned.
    private static bool IsSweepable(Execution execution) => execution is { IsEnded: false } and not { Kind: ExecutionKind.Daily };

    private void AddOpen(Slot slot)
    {
        if (!IsSweepable(slot.Execution))
        {
            return;
        }

        _open.Add(slot.Execution.Id, slot);

        // Ended between the map's insert and the index's: its ender's removal may have come first.
        if (slot.Execution.IsEnded)
        {
            RemoveOpen(slot);
        }
    }

    // A caller never holds a slot's lock while it takes a stripe's (the sweep copies the stripes, then visits the slots).
    private void RemoveOpen(Slot slot) => _open.Remove(slot.Execution.Id);
}
