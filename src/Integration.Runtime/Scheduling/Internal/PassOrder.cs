namespace Integration;

/// <summary>
/// The order in which a node walks the work due in a pass: from a start, by a stride, both given by a stable hash of the
/// node's id and the due instant (item <c>(start + k × stride) mod n</c> is the k-th). Every node sharing a store tries
/// every due occurrence (the store's unique key alone decides who creates it), but each in an order of its own, so two
/// nodes seldom insert the same key at the same moment and make each other wait for their commits. The order is a pure
/// function of its inputs: the same on every pass and every start of a node, and it moves with the due instant, so no
/// interface is always last.
/// </summary>
/// <remarks>
/// Measured against the alternatives (docs/performance.md, "Fire path, PostgreSQL"): a rotation (a start of its own, then
/// registration order) lets a node that catches up with another walk in its wake, waiting at each key for the other's
/// commit; a shuffle sorted by a hash per occurrence made the in-memory fire path allocate 0.9 KB more per execution.
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

    /// <summary>Gets the stride of a node's walk: coprime with <paramref name="count"/>, so the walk visits every item once.</summary>
    /// <param name="nodeId">The node's id.</param>
    /// <param name="due">The earliest occurrence due in the pass.</param>
    /// <param name="count">How many items the pass walks.</param>
    public static int Stride(string nodeId, DateTimeOffset due, int count)
    {
        if (count <= 2)
        {
            return 1;
        }

        var stride = (int)((Hash(nodeId, due) >> 32) % (ulong)count);
        while (stride == 0 || Gcd(stride, count) != 1)
        {
            stride = (stride + 1) % count;
        }

        return stride;
    }

    /// <summary>Puts the items in walk order, through <paramref name="buffer"/> (kept by the caller, left empty).</summary>
    /// <param name="items">The items in registration order; in walk order on return.</param>
    /// <param name="buffer">A list to copy through.</param>
    /// <param name="start">Where the walk starts (<see cref="Start"/>).</param>
    /// <param name="stride">The walk's stride (<see cref="Stride"/>).</param>
    public static void Walk<T>(List<T> items, List<T> buffer, int start, int stride)
    {
        var count = items.Count;
        if (count <= 1)
        {
            return;
        }

        buffer.Clear();
        for (var k = 0; k < count; k++)
        {
            buffer.Add(items[(int)((start + ((long)k * stride)) % count)]);
        }

        items.Clear();
        items.AddRange(buffer);
        buffer.Clear();
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
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
