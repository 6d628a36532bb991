using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Tests.LogBridge;

public sealed class ExecutionLogBridgeTests
{
    [Fact]
    public async Task ILoggerLines_AppearInTheExecution_InOrderWithItsOwnLines()
    {
        await using var harness = Harness.Create(x => x.AddExecutionLogBridge(LogLevel.Information));
        var logger = harness.Provider.GetRequiredService<ILogger<SalesFeed>>();
        harness.Scripts.Set("sales", run =>
        {
            run.Log.Info("own line 1");
            logger.LogInformation("Fetched {Count} sales", 3);
            logger.LogDebug("below the minimum level");
            run.Log.Info("own line 2");
            logger.LogWarning("Sale {Id} has no customer", 7);
        });

        var execution = await harness.RunNowAsync();

        Assert.Equal(
            ["own line 1", "SalesFeed: Fetched 3 sales", "own line 2", "SalesFeed: Sale 7 has no customer"],
            (await harness.LinesAsync(execution.Id)).Select(l => l.Message));
        Assert.Equal(ExecutionStatus.OK, execution.Status);
    }

    [Fact]
    public async Task AnErrorLoggedWithItsException_IsAClassifiedErrorLine()
    {
        await using var harness = Harness.Create(x => x.AddExecutionLogBridge());
        var logger = harness.Provider.GetRequiredService<ILogger<SalesFeed>>();
        harness.Scripts.Set("sales", _ => logger.LogError(new FormatException("bad amount"), "Sale {Id} could not be read", 9));

        var execution = await harness.RunNowAsync();

        var line = Assert.Single(await harness.LinesAsync(execution.Id));
        Assert.Equal(ErrorCategory.Mapping, line.Category);
        Assert.Equal("SalesFeed: Sale 9 could not be read", line.Message);
        Assert.Equal(ExecutionStatus.KO, execution.Status);
    }

    [Fact]
    public async Task OutsideAnExecution_AndFromTheRuntimesOwnCategories_NothingIsCopied()
    {
        await using var harness = Harness.Create(x => x.AddExecutionLogBridge(LogLevel.Debug));
        var logger = harness.Provider.GetRequiredService<ILogger<SalesFeed>>();
        var runtime = harness.Provider.GetRequiredService<ILoggerFactory>().CreateLogger("Integration.ExecutionRunner");
        logger.LogInformation("outside any execution");
        harness.Scripts.Set("sales", _ => runtime.LogInformation("the runtime's own line"));

        var execution = await harness.RunNowAsync();

        Assert.Empty(await harness.LinesAsync(execution.Id));
    }

    private sealed class SalesFeed;
}
