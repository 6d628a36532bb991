namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="ExecutionLifecycle.Outcome"/>: the status an execution ends with. Any error line makes it KO, whatever
/// else happened (the reason then says what else); without one, a cancellation or an abandonment is its own status, a
/// timeout is KO, and anything else is OK. The errors are counted by <see cref="ErrorCounts"/>.
/// </summary>
public sealed class ExecutionOutcomeFacts
{
    public static TheoryData<ErrorCategory[], ExecutionReason, ExecutionStatus, ExecutionReason> Outcomes => new()
    {
        // No error line.
        { [], ExecutionReason.None, ExecutionStatus.OK, ExecutionReason.None },
        { [], ExecutionReason.Timeout, ExecutionStatus.KO, ExecutionReason.Timeout },
        { [], ExecutionReason.Cancelled, ExecutionStatus.Cancelled, ExecutionReason.Cancelled },
        { [], ExecutionReason.Abandoned, ExecutionStatus.Abandoned, ExecutionReason.Abandoned },

        // Reasons that are not a way to end: ignored without an error line.
        { [], ExecutionReason.Error, ExecutionStatus.OK, ExecutionReason.None },
        { [], ExecutionReason.Skipped, ExecutionStatus.OK, ExecutionReason.None },

        // An error line: KO, whatever else happened.
        { [ErrorCategory.Technical], ExecutionReason.None, ExecutionStatus.KO, ExecutionReason.Error },
        { [ErrorCategory.External], ExecutionReason.Error, ExecutionStatus.KO, ExecutionReason.Error },
        { [ErrorCategory.Mapping], ExecutionReason.Timeout, ExecutionStatus.KO, ExecutionReason.Timeout },
        { [ErrorCategory.Configuration], ExecutionReason.Cancelled, ExecutionStatus.KO, ExecutionReason.Cancelled },
        { [ErrorCategory.External], ExecutionReason.Abandoned, ExecutionStatus.KO, ExecutionReason.Abandoned },
        { [ErrorCategory.External], ExecutionReason.Skipped, ExecutionStatus.KO, ExecutionReason.Skipped },

        // Every category counts, a cascade error too.
        { [ErrorCategory.Cascade], ExecutionReason.None, ExecutionStatus.KO, ExecutionReason.Error },
        { [ErrorCategory.Mapping, ErrorCategory.Mapping, ErrorCategory.Cascade], ExecutionReason.None, ExecutionStatus.KO, ExecutionReason.Error },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void AnExecution_EndsKO_WhenItHoldsAnError_WhateverElseHappened(ErrorCategory[] errors, ExecutionReason cancelReason, ExecutionStatus status, ExecutionReason reason)
    {
        var counts = errors.Aggregate(default(ErrorCounts), (c, e) => c.Add(e));

        Assert.Equal((status, reason), ExecutionLifecycle.Outcome(counts, cancelReason));
    }

    public static TheoryData<ErrorCategory[], string> Counts => new()
    {
        // External, Configuration, Mapping, Technical, Cascade; Total.
        { [], "0 0 0 0 0; 0" },
        { [ErrorCategory.External], "1 0 0 0 0; 1" },
        { [ErrorCategory.Configuration], "0 1 0 0 0; 1" },
        { [ErrorCategory.Mapping], "0 0 1 0 0; 1" },
        { [ErrorCategory.Technical], "0 0 0 1 0; 1" },
        { [ErrorCategory.Cascade], "0 0 0 0 1; 1" },
        { [ErrorCategory.Mapping, ErrorCategory.Cascade, ErrorCategory.Cascade, ErrorCategory.External], "1 0 1 0 2; 4" },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void ErrorCounts_CountEachCategory_AndTheirTotal(ErrorCategory[] errors, string counts)
    {
        var c = errors.Aggregate(default(ErrorCounts), (c, e) => c.Add(e));

        Assert.Equal(counts, $"{c.External} {c.Configuration} {c.Mapping} {c.Technical} {c.Cascade}; {c.Total}");
        Assert.All(Enum.GetValues<ErrorCategory>(), category => Assert.Equal(errors.Count(e => e == category), c[category]));
    }

    [Fact]
    public void ErrorCounts_RejectAnUnknownCategory()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => default(ErrorCounts).Add((ErrorCategory)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => default(ErrorCounts)[(ErrorCategory)99]);
    }
}
