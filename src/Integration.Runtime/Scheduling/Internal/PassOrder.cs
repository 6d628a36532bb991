namespace Integration;

/// <summary>
/// The order in which a node walks the occurrences due in a pass: by a stable hash of the node's id and the occurrence's
/// key. Every node sharing a store tries every due occurrence (the store's unique key alone decides who creates it),
/// but each in an order of its own, so two nodes seldom insert the same key at the same moment and make each other wait
/// for their commits. The order is a pure function of its inputs: the same on every pass and every start of a node.
/// </summary>
internal static class PassOrder
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>Gets the rank of an occurrence on a node: lower ranks are tried first.</summary>
    /// <param name="nodeId">The node's id.</param>
    /// <param name="scheduleId">The schedule's id.</param>
    /// <param name="occurrence">The occurrence (the first one owed, when several are).</param>
    public static ulong Rank(string nodeId, string scheduleId, DateTimeOffset occurrence)
    {
        // FNV-1a over the two ids (with a separator) and the occurrence's UTC ticks: string.GetHashCode is seeded per
        // process, which would make a node's order change at each start.
        var hash = Add(OffsetBasis, nodeId);
        hash = (hash ^ '\n') * Prime;
        hash = Add(hash, scheduleId);
        var ticks = (ulong)occurrence.UtcTicks;
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(ticks >> (8 * i))) * Prime;
        }

        // FNV's low bits mix poorly for inputs that differ only at the end: finish like a 64-bit murmur.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        return hash;
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }
}
