namespace Integration;

/// <summary>
/// What an execution works on: from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).
/// Connectors work on the window, never on "now": that is what makes a re-run repeat the same effects.
/// </summary>
/// <param name="From">The start of the window.</param>
/// <param name="To">The end of the window.</param>
public readonly record struct ExecutionWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Gets the window's length.</summary>
    public TimeSpan Length => To - From;

    /// <inheritdoc />
    public override string ToString() => $"[{From:O} .. {To:O})";
}
