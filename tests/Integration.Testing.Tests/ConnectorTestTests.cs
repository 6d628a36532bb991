using Microsoft.Extensions.DependencyInjection;

namespace Integration.Testing.Tests;

public sealed class ConnectorTestTests
{
    private static readonly ExecutionWindow Window = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public sealed class SalesSource
    {
        public List<string> Sales { get; } = [];

        public ExecutionWindow? AskedFor { get; set; }
    }

    public sealed class Importer(SalesSource source) : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            source.AskedFor = run.Window;
            run.Log.Info($"{source.Sales.Count} sales");
            foreach (var sale in source.Sales.Where(s => s.StartsWith('?')))
            {
                run.Log.Error(ErrorCategory.Mapping, $"Sale {sale} has no store code");
            }

            return source.Sales.Contains("boom") ? throw new ExternalSystemException("Partner answered 503") : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Run_GivesTheConnectorTheWindowAndItsServices_AndShowsOk()
    {
        var source = new SalesSource { Sales = { "a", "b" } };

        var result = await ConnectorTest.RunAsync<Importer>(Window, s => s.AddSingleton(source));

        result.ShouldBeOk().ShouldHaveNoErrors().ShouldHaveLine("2 sales", ExecutionLogLevel.Information);
        Assert.Equal(Window, source.AskedFor);
        Assert.Equal(Window, result.Execution.Window);
        Assert.Null(result.FirstError);
    }

    [Fact]
    public async Task Run_OfAFailingConnector_ShowsKo_WithTheFirstErrorAndItsCategory_AndTheStatedCategoryOfTheFailure()
    {
        var source = new SalesSource { Sales = { "?17", "boom" } };

        var result = await ConnectorTest.RunAsync<Importer>(Window, s => s.AddSingleton(source));

        result.ShouldBeKo(ErrorCategory.Mapping)
              .ShouldHaveError(ErrorCategory.Mapping, "?17")
              .ShouldHaveError(ErrorCategory.External, "503");
        Assert.Equal("Sale ?17 has no store code", result.FirstError?.Message);
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public async Task FailedAssertion_ShowsTheWholeLog()
    {
        var source = new SalesSource { Sales = { "boom" } };
        var result = await ConnectorTest.RunAsync<Importer>(Window, s => s.AddSingleton(source));

        var e = Assert.Throws<ConnectorAssertionException>(() => result.ShouldBeOk());

        Assert.Contains("Expected the execution to end OK", e.Message, StringComparison.Ordinal);
        Assert.Contains("[EXTERNAL] The connector failed: Partner answered 503", e.Message, StringComparison.Ordinal);
        Assert.Throws<ConnectorAssertionException>(() => result.ShouldBeKo(ErrorCategory.Mapping));
        Assert.Throws<ConnectorAssertionException>(() => result.ShouldHaveLine("not there"));
    }
}
