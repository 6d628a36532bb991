using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class RerunAdviceTests
{
    private static IExecutionSupport Support(Harness h) => h.Provider.GetRequiredService<IExecutionSupport>();

    [Fact]
    public async Task ScheduledExecution_FailedWithExternalErrors_IsToBeRerun()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var failed = await h.RunNowAsync();

        var d = await Support(h).DiagnoseAsync(failed.Id);

        Assert.Equal(RerunAdvice.Rerun, d.RerunAdvice);
        Assert.Null(d.LatestRerun);
        Assert.Contains("Re-run: re-run it", d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RerunThatFailedTheSameWay_MeansContactTheProvider_SeenFromBothExecutions()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var failed = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var rerun = await (await h.Operations.RerunAsync(failed.Id)).Completion;

        var original = await Support(h).DiagnoseAsync(failed.Id);
        var again = await Support(h).DiagnoseAsync(rerun.Id);

        Assert.Equal(RerunAdvice.ContactProvider, original.RerunAdvice);
        Assert.Equal(rerun.Id, original.LatestRerun?.Id);
        Assert.Equal(RerunAdvice.ContactProvider, again.RerunAdvice);
        Assert.Equal(failed.Id, again.Original?.Id);
        Assert.Contains("contact the provider", original.ToText(), StringComparison.Ordinal);
        Assert.Contains("FNAC <support@fnac.example>", original.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutionWhoseRerunSucceeded_NeedsNoMoreRerun()
    {
        await using var h = Harness.Create();
        var attempt = 0;
        h.Scripts.Set("sales", (_, _) => ++attempt == 1 ? throw new ExternalSystemException("FNAC answered 503") : Task.CompletedTask);
        var failed = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var rerun = await (await h.Operations.RerunAsync(failed.Id)).Completion;

        var d = await Support(h).DiagnoseAsync(failed.Id);

        Assert.Equal(RerunAdvice.None, d.RerunAdvice);
        Assert.Equal(rerun.Id, d.LatestRerun?.Id);
        Assert.Contains($"already re-run as {rerun.Id}, which is OK", d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedRerun_WhoseOwnRerunSucceeded_NeedsNothingMore()
    {
        await using var h = Harness.Create();
        var attempt = 0;
        h.Scripts.Set("sales", (_, _) => ++attempt <= 2 ? throw new ExternalSystemException("FNAC answered 503") : Task.CompletedTask);
        var failed = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var rerun = await (await h.Operations.RerunAsync(failed.Id)).Completion;
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await (await h.Operations.RerunAsync(rerun.Id)).Completion;

        var d = await Support(h).DiagnoseAsync(rerun.Id);

        Assert.Equal(ExecutionStatus.OK, again.Status);
        Assert.Equal(RerunAdvice.None, d.RerunAdvice);
        Assert.Equal(again.Id, d.LatestRerun?.Id);
    }

    [Fact]
    public async Task AbandonedScheduledExecution_IsToBeRerun()
    {
        await using var h = Harness.Create();
        var running = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, ended: false);
        await h.Store.CompleteAsync(new ExecutionCompletion { ExecutionId = running.Id, Status = ExecutionStatus.Abandoned, Reason = ExecutionReason.Abandoned, EndedAt = Harness.Start.AddMinutes(3) });

        var d = await Support(h).DiagnoseAsync(running.Id);

        Assert.Equal(RerunAdvice.Rerun, d.RerunAdvice);
        Assert.Equal(SupportContactRole.Support, Assert.Single(d.Contacts).Role);
        Assert.Contains("Status: Abandoned (abandoned)", d.ToText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCategory.Configuration)]
    [InlineData(ErrorCategory.Mapping)]
    [InlineData(ErrorCategory.Technical)]
    public async Task ExecutionFailedWithoutExternalErrors_IsNotToBeRerun(ErrorCategory category)
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", run => run.Log.Error(category, "not the provider's problem"));
        var failed = await h.RunNowAsync();

        var d = await Support(h).DiagnoseAsync(failed.Id);

        Assert.Equal(RerunAdvice.None, d.RerunAdvice);
    }

    [Fact]
    public async Task DailyExecution_FailedWithExternalErrors_IsNeverToBeRerun()
    {
        await using var h = Harness.Create(x => x.AddRealTimeInterface("api", i => i.Type(InterfaceType.PublicWebServices)));
        var day = await Seed.ExecutionAsync(h.Store, "api", Harness.Start, ExecutionKind.Daily, lines: Seed.Error(ErrorCategory.External, "503", "call-1"));

        var d = await Support(h).DiagnoseAsync(day.Id);

        Assert.Equal(RerunAdvice.None, d.RerunAdvice);
        Assert.Contains("cannot be re-run", d.ToText(), StringComparison.Ordinal);
    }
}
