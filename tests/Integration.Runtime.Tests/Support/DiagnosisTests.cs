using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class DiagnosisTests
{
    private static Harness Create(Action<ScheduledInterfaceBuilder>? sales = null, Action<SupportOptions>? support = null)
        => Harness.Create(
            x => x.ConfigureSupport(o =>
            {
                o.SupportContact = "support@host.example";
                support?.Invoke(o);
            }),
            sales);

    private static IExecutionSupport Support(Harness h) => h.Provider.GetRequiredService<IExecutionSupport>();

    [Theory]
    [InlineData(ErrorCategory.External, SupportContactRole.Provider, "FNAC", "support@fnac.example")]
    [InlineData(ErrorCategory.Configuration, SupportContactRole.ConfigurationOwner, "Configuration owner", "config-team@host.example")]
    [InlineData(ErrorCategory.Mapping, SupportContactRole.MappingOwner, "Mapping owner", "mapping-team@host.example")]
    [InlineData(ErrorCategory.Technical, SupportContactRole.Support, "Support", "support@host.example")]
    public async Task EachCategory_GivesItsActionAndItsContact(ErrorCategory category, SupportContactRole role, string name, string contact)
    {
        await using var h = Create(i => i.ConfigurationOwner("config-team@host.example").MappingOwner("mapping-team@host.example"));
        h.Scripts.Set("sales", run => run.Log.Error(category, "Something failed"));
        var ended = await h.RunNowAsync();

        var d = await Support(h).DiagnoseAsync(ended.Id);

        Assert.Equal(ExecutionStatus.KO, d.Execution.Status);
        Assert.Equal(category, d.Category);
        Assert.Equal(category.Action(), d.Action);
        var who = Assert.Single(d.Contacts);
        Assert.Equal(new SupportContact(role, name, contact, category), who);
        Assert.Contains(category.Action(), d.ToText(), StringComparison.Ordinal);
        Assert.Contains(contact, d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CascadeCategory_IsNeverReportedAsTheRoot_TheErrorItFollowsIs()
    {
        await using var h = Create();
        h.Scripts.Set("sales", (run, _) =>
        {
            run.Log.Info("Fetching sales");
            run.Log.Error(ErrorCategory.External, "FNAC answered 503");
            run.Log.Cascade("No sales to integrate");
            run.Log.Cascade("Stock not updated");
            throw new InvalidOperationException("Sales list is null");
        });
        var ended = await h.RunNowAsync();

        var d = await Support(h).DiagnoseAsync(ended.Id);

        var root = Assert.Single(d.RootErrors);
        Assert.Equal("FNAC answered 503", root.Message);
        Assert.Equal(2, root.Sequence);
        Assert.Equal(ErrorCategory.External, d.Category);
        Assert.Equal(3, d.Errors.Cascade);
        Assert.Equal("Look at the errors above.", ErrorCategory.Cascade.Action());
        Assert.DoesNotContain("Stock not updated", d.ToText(), StringComparison.Ordinal);
        Assert.Contains("#2", d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootErrors_AreTheFirstN_NonCascadeErrors_InLogOrder()
    {
        await using var h = Create(support: o => o.RootErrorCount = 2);
        h.Scripts.Set("sales", run =>
        {
            run.Log.Error(ErrorCategory.Mapping, "Sale 1 has no store code");
            run.Log.Cascade("Sale 1 skipped");
            run.Log.Error(ErrorCategory.External, "FNAC answered 500");
            run.Log.Error(ErrorCategory.Technical, "third root, not shown");
        });
        var ended = await h.RunNowAsync();

        var d = await Support(h).DiagnoseAsync(ended.Id);

        Assert.Equal(["Sale 1 has no store code", "FNAC answered 500"], d.RootErrors.Select(r => r.Message));
        Assert.Equal(ErrorCategory.Mapping, d.Category);
        Assert.Equal([SupportContactRole.Support, SupportContactRole.Provider], d.Contacts.Select(c => c.Role));
        Assert.Equal(4, d.Errors.Total);
    }

    [Fact]
    public async Task ConfigurationError_WithoutAnOwner_GoesToTheHostsSupportContact()
    {
        await using var h = Create();
        h.Scripts.Set("sales", (_, _) => throw new ConfigurationException("No API key for FNAC"));
        var ended = await h.RunNowAsync();

        var d = await Support(h).DiagnoseAsync(ended.Id);

        Assert.Equal(ErrorCategory.Configuration, d.Category);
        Assert.Equal(new SupportContact(SupportContactRole.Support, "Support", "support@host.example", ErrorCategory.Configuration), Assert.Single(d.Contacts));
    }

    [Fact]
    public async Task OkExecution_HasNoRootErrorNoContactAndNoAdvice()
    {
        await using var h = Create();
        var ended = await h.RunNowAsync();

        var d = await Support(h).DiagnoseAsync(ended.Id);

        Assert.Empty(d.RootErrors);
        Assert.Null(d.Category);
        Assert.Null(d.Action);
        Assert.Empty(d.Contacts);
        Assert.Equal(RerunAdvice.None, d.RerunAdvice);
        Assert.Contains("Status: OK", d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownExecution_ThrowsExecutionNotFound()
    {
        await using var h = Create();
        var unknown = ExecutionId.New(Harness.Start);

        var e = await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await Support(h).DiagnoseAsync(unknown));

        Assert.Equal(unknown, e.ExecutionId);
    }

    [Fact]
    public async Task RunningExecution_IsDiagnosedAsRunning_WithTheErrorsSoFar()
    {
        await using var h = Create();
        var running = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, ended: false, lines: Seed.Error(ErrorCategory.External, "FNAC slow"));
        h.Time.Advance(TimeSpan.FromMinutes(10));

        var d = await Support(h).DiagnoseAsync(running.Id);

        Assert.Equal(ExecutionStatus.Running, d.Execution.Status);
        Assert.Equal(TimeSpan.FromMinutes(10), d.Elapsed);
        Assert.Equal(1, d.Errors.External);
        Assert.Equal(RerunAdvice.None, d.RerunAdvice);
        Assert.Contains("still running", d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutionPastItsMaxDuration_ReportsTheDurationAnomaly()
    {
        await using var h = Create();
        var running = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, ended: false);
        await h.Store.MarkDurationExceededAsync(running.Id);
        h.Time.Advance(TimeSpan.FromMinutes(61));

        var d = await Support(h).DiagnoseAsync(running.Id);

        Assert.True(d.DurationExceeded);
        Assert.Equal(TimeSpan.FromHours(1), d.MaxDuration);
        Assert.Contains("Duration anomaly", d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutionOfAnUnregisteredInterface_IsStillDiagnosed()
    {
        await using var h = Create();
        var old = await Seed.ExecutionAsync(h.Store, "retired", Harness.Start, lines: Seed.Error(ErrorCategory.External, "gone"));

        var d = await Support(h).DiagnoseAsync(old.Id);

        Assert.Null(d.Interface);
        Assert.Equal(new SupportContact(SupportContactRole.Provider, "Unknown", null, ErrorCategory.External), Assert.Single(d.Contacts));
        Assert.Contains("not registered", d.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_ShowsMessagesOnOneLine_WithUnsafeCharactersReplaced()
    {
        await using var h = Create();
        var e = await Seed.ExecutionAsync(h.Store, "sales", Harness.Start, lines: Seed.Error(ErrorCategory.Mapping, "line1\r\nline2\0\uD800"));

        var text = (await Support(h).DiagnoseAsync(e.Id)).ToText();

        Assert.Contains("line1 line2\u2400\uFFFD", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SupportOptions_OutOfRange_FailValidation()
    {
        var result = new SupportOptionsValidator().Validate(null, new SupportOptions { RootErrorCount = 0, SupportContact = " " });

        Assert.True(result.Failed);
        Assert.Contains("RootErrorCount", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SupportContact", result.FailureMessage, StringComparison.Ordinal);
    }
}
