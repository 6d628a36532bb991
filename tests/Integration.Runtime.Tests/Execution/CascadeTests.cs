using Integration.Tests.Support;

namespace Integration.Tests;

public sealed class CascadeTests
{
    [Fact]
    public async Task FirstError_IsNeverCascade_EvenWhenLoggedAsOne()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", run => run.Log.Cascade("Nothing to export"));

        var ended = await h.RunNowAsync();

        var error = Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error));
        Assert.Equal(ErrorCategory.Technical, error.Category);
        Assert.Null(error.CausedBy);
        Assert.Equal(0, ended.Errors.Cascade);
    }

    [Fact]
    public async Task FailureAfterALoggedError_IsACascadeOfTheFirstError()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (run, _) =>
        {
            run.Log.Info("Fetching sales");
            run.Log.Error(ErrorCategory.External, "FNAC answered 503");
            run.Log.Error(ErrorCategory.Mapping, "Sale 7 has no store code");
            throw new InvalidOperationException("Sales list is null");
        });

        var ended = await h.RunNowAsync();

        var errors = await h.LinesAsync(ended.Id, ExecutionLogLevel.Error);
        Assert.Equal([ErrorCategory.External, ErrorCategory.Mapping, ErrorCategory.Cascade], errors.Select(e => e.Category!.Value));
        Assert.Equal(errors[0].Sequence, errors[2].CausedBy);
        Assert.Equal(new ErrorCounts(1, 0, 1, 0, 1), ended.Errors);
        Assert.Equal(ExecutionStatus.KO, ended.Status);
    }

    [Fact]
    public async Task ExplicitCascade_KeepsItsCausedBy()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", async (run, ct) =>
        {
            await run.Log.WriteAsync(new LogEntry { Level = ExecutionLogLevel.Error, Category = ErrorCategory.External, Message = "first" }, ct);
            var second = await run.Log.WriteAsync(new LogEntry { Level = ExecutionLogLevel.Error, Category = ErrorCategory.Mapping, Message = "second" }, ct);
            run.Log.Cascade("follows the second", causedBy: second);
            run.Log.Cascade("follows the first by default");
        });

        var ended = await h.RunNowAsync();

        var errors = await h.LinesAsync(ended.Id, ExecutionLogLevel.Error);
        Assert.Equal(2, errors[2].CausedBy);
        Assert.Equal(1, errors[3].CausedBy);
        Assert.Equal(ErrorCategory.Cascade, errors[3].Category);
    }

    [Fact]
    public async Task NonErrorLines_CarryNoCategory()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", run => run.Log.Write(new LogEntry { Level = ExecutionLogLevel.Warning, Category = ErrorCategory.External, Message = "slow", CausedBy = 3 }));

        var ended = await h.RunNowAsync();

        var line = Assert.Single(await h.LinesAsync(ended.Id));
        Assert.Null(line.Category);
        Assert.Null(line.CausedBy);
        Assert.Equal(ExecutionStatus.OK, ended.Status);
    }
}
