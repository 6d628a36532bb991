using System.Buffers;
using System.Runtime.CompilerServices;

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
    private readonly OpenSlots _open = new();

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

        _open.Add(slot);

        // Ended between the map's insert and the index's: its ender's removal may have come first.
        if (slot.Execution.IsEnded)
        {
            _open.Remove(slot);
        }
    }

    /// <summary>
    /// Fixed stripes of reference sets, each under its own lock. No operation holds more than one stripe's lock, and a
    /// caller never holds a slot's lock while it takes a stripe's (the sweep copies a stripe, then visits its slots).
    /// </summary>
    private sealed class OpenSlots
    {
        /// <summary>The number of stripes: a power of two, the stripe being the low bits of the slot's identity hash.</summary>
        public const int StripeCount = 32;

        private readonly HashSet<Slot>[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new HashSet<Slot>(ReferenceEqualityComparer.Instance))];

        public int Count
        {
            get
            {
                var count = 0;
                foreach (var stripe in _stripes)
                {
                    lock (stripe)
                    {
                        count += stripe.Count;
                    }
                }

                return count;
            }
        }

        public void Add(Slot slot)
        {
            var stripe = StripeOf(slot);
            lock (stripe)
            {
                stripe.Add(slot);
            }
        }

        public void Remove(Slot slot)
        {
            var stripe = StripeOf(slot);
            lock (stripe)
            {
                stripe.Remove(slot);
            }
        }

        /// <summary>Copies one stripe's slots into <paramref name="buffer"/> (grown from the shared pool when too small).</summary>
        /// <returns>The number of slots copied.</returns>
        public int CopyStripe(int stripeIndex, ref Slot[] buffer)
        {
            var stripe = _stripes[stripeIndex];
            lock (stripe)
            {
                if (stripe.Count > buffer.Length)
                {
                    ArrayPool<Slot>.Shared.Return(buffer, clearArray: true);
                    buffer = ArrayPool<Slot>.Shared.Rent(stripe.Count);
                }

                stripe.CopyTo(buffer);
                return stripe.Count;
            }
        }

        private HashSet<Slot> StripeOf(Slot slot) => _stripes[RuntimeHelpers.GetHashCode(slot) & (StripeCount - 1)];
    }
}
