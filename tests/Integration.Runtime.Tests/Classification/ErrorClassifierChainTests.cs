using Integration.Tests.Support;

namespace Integration.Tests;

public sealed class ErrorClassifierChainTests
{
    private sealed class TimeoutsAreOurs : IErrorClassifier
    {
        public ErrorCategory? Classify(Exception exception, ErrorClassificationContext context)
            => exception is TimeoutException ? ErrorCategory.Technical : null;
    }

    private sealed class Throwing : IErrorClassifier
    {
        public ErrorCategory? Classify(Exception exception, ErrorClassificationContext context)
            => throw new InvalidOperationException("classifier bug");
    }

    [Fact]
    public async Task UserClassifier_WinsOverTheBuiltInRules()
    {
        await using var h = Harness.Create(x => x.AddErrorClassifier<TimeoutsAreOurs>());
        h.Scripts.Set("sales", (_, _) => throw new TimeoutException("slow database"));

        var ended = await h.RunNowAsync();

        Assert.Equal(ErrorCategory.Technical, Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error)).Category);
    }

    [Fact]
    public async Task UserClassifierWithoutAnOpinion_LeavesTheBuiltInRule()
    {
        await using var h = Harness.Create(x => x.AddErrorClassifier<TimeoutsAreOurs>());
        h.Scripts.Set("sales", (_, _) => throw new FormatException("bad date"));

        var ended = await h.RunNowAsync();

        Assert.Equal(ErrorCategory.Mapping, Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error)).Category);
    }

    [Fact]
    public async Task ClassifierThatThrows_IsSkipped()
    {
        await using var h = Harness.Create(x => x.AddErrorClassifier(new Throwing()));
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("down"));

        var ended = await h.RunNowAsync();

        Assert.Equal(ErrorCategory.External, Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error)).Category);
    }

    [Fact]
    public async Task LogError_WithAnException_UsesTheChain()
    {
        await using var h = Harness.Create(x => x.AddErrorClassifier<TimeoutsAreOurs>());
        ErrorCategory? given = null;
        h.Scripts.Set("sales", run => given = run.Log.Error(new TimeoutException("slow"), "Reading the stock failed"));

        var ended = await h.RunNowAsync();

        Assert.Equal(ErrorCategory.Technical, given);
        var error = Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error));
        Assert.Equal("Reading the stock failed", error.Message);
        Assert.Equal(typeof(TimeoutException).FullName, error.Exception?.Type);
    }
}
