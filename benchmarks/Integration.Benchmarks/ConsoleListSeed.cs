namespace Integration.Benchmarks;

/// <summary>
/// The 1,000,000 executions the console list benchmarks read: 50 interfaces, about 5% KO (the rest OK), all ended,
/// started over the 90 days before <see cref="End"/> (one every 7.8 seconds, in order), the same on every run (seeded
/// random numbers).
/// </summary>
public static class ConsoleListSeed
{
    /// <summary>How many executions are seeded.</summary>
    public const int Executions = 1_000_000;

    /// <summary>How many interfaces they belong to.</summary>
    public const int Interfaces = 50;

    /// <summary>The interface whose KO executions one benchmark lists.</summary>
    public const string FilteredInterface = "interface-07";

    /// <summary>When the newest execution starts.</summary>
    public static readonly DateTimeOffset End = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One seeded execution, as its stored values.</summary>
    public readonly record struct Row(ExecutionId Id, string InterfaceId, ExecutionStatus Status, ExecutionReason Reason, DateTimeOffset StartedAt, DateTimeOffset EndedAt);

    /// <summary>The executions, oldest first.</summary>
    public static IEnumerable<Row> Rows()
    {
        var random = new Random(13);
        var start = End - TimeSpan.FromDays(90);
        var step = TimeSpan.FromDays(90) / Executions;
        for (var i = 0; i < Executions; i++)
        {
            var startedAt = start + (step * i);
            var ko = random.NextDouble() < 0.05;
            yield return new Row(
                ExecutionId.New(startedAt),
                $"interface-{random.Next(Interfaces):00}",
                ko ? ExecutionStatus.KO : ExecutionStatus.OK,
                ko ? ExecutionReason.Error : ExecutionReason.None,
                startedAt,
                startedAt + TimeSpan.FromMilliseconds(200 + random.Next(5000)));
        }
    }
}
