namespace Integration;

/// <summary>Which lines of an execution's log to read, in order, and which page.</summary>
public readonly record struct LogQuery
{
    /// <summary>The largest page a store returns.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Creates a query for the first page of every line.</summary>
    public LogQuery()
    {
    }

    /// <summary>Gets the paging cursor: only lines whose sequence is greater (the last sequence of the previous page).</summary>
    public long AfterSequence { get; init; }

    /// <summary>Gets the lowest level to read; <see cref="ExecutionLogLevel.Error"/> reads the errors only.</summary>
    public ExecutionLogLevel MinLevel { get; init; } = ExecutionLogLevel.Debug;

    /// <summary>Gets the page size, from 1 to <see cref="MaxLimit"/>; defaults to 1,000.</summary>
    public int Limit { get; init; } = 1000;

    /// <summary>A query for the first page of error lines only.</summary>
    public static LogQuery Errors => new() { MinLevel = ExecutionLogLevel.Error };

    /// <summary>Checks the query's values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"A log query's limit must be between 1 and {MaxLimit}.");
        }

        if (AfterSequence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AfterSequence), AfterSequence, "A log query's cursor cannot be negative.");
        }
    }
}
