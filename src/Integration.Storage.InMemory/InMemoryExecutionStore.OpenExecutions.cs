using System.Buffers;

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
    /// <remarks>
    /// A slot's stripe comes from its execution id, not from the slot's identity hash: an identity hash is written into
    /// the object's header on first use, and a header holding one makes every later <c>lock (slot)</c> take the
    /// monitor's slow path (a sync block); both showed in profiles of the fire path.
    /// </remarks>
    private sealed class OpenSlots
    {
        /// <summary>The number of stripes: a power of two, the stripe being the low bits of the execution id's hash.</summary>
        public const int StripeCount = 32;

        private readonly HashSet<Slot>[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new HashSet<Slot>(SlotIdentity.Instance))];
        private readonly Lock[] _locks = [.. Enumerable.Range(0, StripeCount).Select(_ => new Lock())];

        public int Count
        {
            get
            {
                var count = 0;
                for (var i = 0; i < StripeCount; i++)
                {
                    lock (_locks[i])
                    {
                        count += _stripes[i].Count;
                    }
                }

                return count;
            }
        }

        public void Add(Slot slot)
        {
            var i = StripeOf(slot);
            lock (_locks[i])
            {
                _stripes[i].Add(slot);
            }
        }

        public void Remove(Slot slot)
        {
            var i = StripeOf(slot);
            lock (_locks[i])
            {
                _stripes[i].Remove(slot);
            }
        }

        /// <summary>Copies one stripe's slots into <paramref name="buffer"/> (grown from the shared pool when too small).</summary>
        /// <returns>The number of slots copied.</returns>
        public int CopyStripe(int stripeIndex, ref Slot[] buffer)
        {
            var stripe = _stripes[stripeIndex];
            lock (_locks[stripeIndex])
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

        private static int StripeOf(Slot slot) => slot.Execution.Id.GetHashCode() & (StripeCount - 1);
    }

    /// <summary>A slot is itself (reference equality), hashed by its execution's id, which never changes.</summary>
    private sealed class SlotIdentity : IEqualityComparer<Slot>
    {
        public static readonly SlotIdentity Instance = new();

        public bool Equals(Slot? x, Slot? y) => ReferenceEquals(x, y);

        public int GetHashCode(Slot obj) => obj.Execution.Id.GetHashCode();
    }
}
