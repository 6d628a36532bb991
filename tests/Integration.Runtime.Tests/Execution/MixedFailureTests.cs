using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

/// <summary>An explicit category is never overwritten: Cascade is only for a failure that merely reports an earlier error.</summary>
public sealed class MixedFailureTests
{
    private static IExecutionSupport Support(Harness h) => h.Provider.GetRequiredService<IExecutionSupport>();

    [Fact]
    public async Task MappingLine_ThenExternalSystemException_TheFailureStaysExternal_AndTheDiagnosisAdvisesARerun()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (run, _) =>
        {
            run.Log.Error(ErrorCategory.Mapping, "Sale 7 has no store code");
            throw new ExternalSystemException("FNAC answered 503 Service Unavailable");
        });

        var ended = await h.RunNowAsync();

        var errors = await h.LinesAsync(ended.Id, ExecutionLogLevel.Error);
        Assert.Equal([ErrorCategory.Mapping, ErrorCategory.External], errors.Select(e => e.Category!.Value));
        Assert.Null(errors[1].CausedBy);
        Assert.Equal(new ErrorCounts(External: 1, Configuration: 0, Mapping: 1, Technical: 0, Cascade: 0), ended.Errors);
        Assert.Equal(ExecutionStatus.KO, ended.Status);

        var diagnosis = await Support(h).DiagnoseAsync(ended.Id);
        Assert.Equal(RerunAdvice.Rerun, diagnosis.RerunAdvice);
        Assert.Contains(diagnosis.RootErrors, r => r.Category == ErrorCategory.External);
        Assert.Contains(diagnosis.Contacts, c => c.Role == SupportContactRole.Provider);
    }

    public static TheoryData<Exception, ErrorCategory> StatedFailures => new()
    {
        { new ExternalSystemException("503"), ErrorCategory.External },
        { new ConfigurationException("no API key"), ErrorCategory.Configuration },
        { new MappingException("bad date"), ErrorCategory.Mapping },
        { new HttpRequestException("down", null, System.Net.HttpStatusCode.ServiceUnavailable), ErrorCategory.External },
        { new HttpRequestException("refused", null, System.Net.HttpStatusCode.Unauthorized), ErrorCategory.Configuration },
        { new TimeoutException("no answer"), ErrorCategory.External },
        { new AggregateException(new ExternalSystemException("503")), ErrorCategory.External },
        { new FormatException("not a number"), ErrorCategory.Mapping },
    };

    [Theory]
    [MemberData(nameof(StatedFailures))]
    public async Task AFailureThatStatesItsCategory_KeepsIt_AfterAnEarlierError(Exception failure, ErrorCategory expected)
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (run, _) =>
        {
            run.Log.Error(ErrorCategory.Mapping, "Sale 7 has no store code");
            throw failure;
        });

        var ended = await h.RunNowAsync();

        var failureLine = (await h.LinesAsync(ended.Id, ExecutionLogLevel.Error))[^1];
        Assert.Equal(expected, failureLine.Category);
        Assert.Null(failureLine.CausedBy);
    }

    public static TheoryData<Exception> GenericFailures => new()
    {
        new InvalidOperationException("3 sales failed"),
        new NullReferenceException(),
        new Exception("import failed"),
        new AggregateException(new InvalidOperationException("3 sales failed")),
    };

    [Theory]
    [MemberData(nameof(GenericFailures))]
    public async Task AGenericFailure_AfterAnError_StaysACascadeOfTheFirstError(Exception failure)
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (run, _) =>
        {
            run.Log.Error(ErrorCategory.External, "FNAC answered 503");
            throw failure;
        });

        var ended = await h.RunNowAsync();

        var errors = await h.LinesAsync(ended.Id, ExecutionLogLevel.Error);
        Assert.Equal([ErrorCategory.External, ErrorCategory.Cascade], errors.Select(e => e.Category!.Value));
        Assert.Equal(errors[0].Sequence, errors[1].CausedBy);
        var diagnosis = await Support(h).DiagnoseAsync(ended.Id);
        Assert.Equal(ErrorCategory.External, Assert.Single(diagnosis.RootErrors).Category);
    }

    [Fact]
    public async Task AGenericFailure_WithNoErrorBefore_IsTechnical()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (run, _) => throw new InvalidOperationException("bug"));

        var ended = await h.RunNowAsync();

        Assert.Equal(ErrorCategory.Technical, Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error)).Category);
    }

    [Fact]
    public async Task AHostClassifiersAnswer_IsStated_AndNeverBecomesACascade()
    {
        await using var h = Harness.Create(x => x.AddErrorClassifier<InvalidOperationIsMapping>());
        h.Scripts.Set("sales", (run, _) =>
        {
            run.Log.Error(ErrorCategory.External, "FNAC answered 503");
            throw new InvalidOperationException("sale 9 cannot be mapped");
        });

        var ended = await h.RunNowAsync();

        Assert.Equal(ErrorCategory.Mapping, (await h.LinesAsync(ended.Id, ExecutionLogLevel.Error))[^1].Category);
    }

    [Fact]
    public async Task RealTimeCall_MappingLine_ThenExternalSystemException_TheCallsFailureStaysExternal()
    {
        await using var h = Harness.Create(x => x.AddRealTimeInterface("pricing-api", i => i.Type(InterfaceType.PublicWebServices)), withSales: false);

        await Assert.ThrowsAsync<ExternalSystemException>(() => h.Calls.CallAsync("pricing-api", "GET /prices/42", (call, _) =>
        {
            call.Log.Error(ErrorCategory.Mapping, "price 42 has no currency");
            return Task.FromException(new ExternalSystemException("pricing answered 503"));
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Calls.CallAsync("pricing-api", "GET /prices/43", (call, _) =>
        {
            call.Log.Error(ErrorCategory.Mapping, "price 43 has no currency");
            return Task.FromException(new InvalidOperationException("no price"));
        }));

        var day = await h.Daily.GetCurrentAsync("pricing-api");
        var errors = await h.LinesAsync(day.Id, ExecutionLogLevel.Error);
        Assert.Equal([ErrorCategory.Mapping, ErrorCategory.External, ErrorCategory.Mapping, ErrorCategory.Cascade], errors.Select(e => e.Category!.Value));
        Assert.Null(errors[1].CausedBy);
        Assert.Equal(errors[2].Sequence, errors[3].CausedBy);
    }

    private sealed class InvalidOperationIsMapping : IErrorClassifier
    {
        public ErrorCategory? Classify(Exception exception, ErrorClassificationContext context)
            => exception is InvalidOperationException ? ErrorCategory.Mapping : null;
    }
}
