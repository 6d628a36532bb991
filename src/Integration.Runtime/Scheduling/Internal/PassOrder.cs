using System.Runtime.InteropServices;

namespace Integration;

/// <summary>
/// Where a node starts its walk of the work due in a pass: at an offset given by a stable hash of the node's id and the
/// due instant, going on in registration order and wrapping around. Every node sharing a store tries every due
/// occurrence (the store's unique key alone decides who creates it), but each from a place of its own, so two nodes
/// seldom insert the same key at the same moment and make each other wait for their commits; a node that reaches the
/// place another started from finds those occurrences created already. The offset is a pure function of its inputs:
/// the same on every pass and every start of a node, and it moves with the due instant, so no interface is always last.
/// </summary>
/// <remarks>
/// A rotation rather than a shuffle: the walk stays in registration order apart from its one wrap, which keeps a
/// single node's pass as it was (a shuffled pass made the in-memory fire path allocate 0.9 KB more per execution).
/// </remarks>
internal static class PassOrder
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>Gets where a node starts its walk of <paramref name="count"/> items due at <paramref name="due"/>.</summary>
    /// <param name="nodeId">The node's id.</param>
    /// <param name="due">The earliest occurrence due in the pass.</param>
    /// <param name="count">How many items the pass walks.</param>
    public static int Start(string nodeId, DateTimeOffset due, int count)
        => count <= 1 ? 0 : (int)(Hash(nodeId, due) % (ulong)count);

    /// <summary>Puts the items in walk order: from <see cref="Start"/> to the end, then from the beginning.</summary>
    /// <param name="items">The items in registration order.</param>
    /// <param name="start">Where the walk starts.</param>
    public static void Rotate<T>(List<T> items, int start)
    {
        if (start <= 0 || start >= items.Count)
        {
            return;
        }

        var span = CollectionsMarshal.AsSpan(items);
        span[..start].Reverse();
        span[start..].Reverse();
        span.Reverse();
    }

    private static ulong Hash(string nodeId, DateTimeOffset due)
    {
        // FNV-1a over the id and the instant's UTC ticks (string.GetHashCode is seeded per process, which would move a
        // node's start at each restart), finished like a 64-bit murmur so that close instants land far apart.
        var hash = OffsetBasis;
        foreach (var c in nodeId)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        var ticks = (ulong)due.UtcTicks;
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(ticks >> (8 * i))) * Prime;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        return hash;
    }
}
