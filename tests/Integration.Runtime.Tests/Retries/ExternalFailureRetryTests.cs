using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

/// <summary>
/// Automatic re-runs of External failures: stored as due run requests, started by the run request worker when due
/// (fake time), each on the failed execution's window, until one ends OK or the attempts are used up.
/// </summary>
public sealed class ExternalFailureRetryTests
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task AnExternalKo_IsReRun_AtTheConfiguredDelays_UntilItEndsOk()
    {
        await using var h = Create();
        var attempts = 0;
        h.Scripts.Set("sales", (_, _) => ++attempts <= 2 ? throw new ExternalSystemException("FNAC answered 503") : Task.CompletedTask);

        var failed = await h.RunNowAsync();
        Assert.Equal(ExecutionStatus.KO, failed.Status);
        Assert.Contains(await h.LinesAsync(failed.Id), l => l.Message.StartsWith("Automatic re-run 1 of 3 due at 2026-03-02 09:35:00 UTC", StringComparison.Ordinal));

        // Not due yet: one second before the first delay ends, nothing is claimed.
        h.Time.Advance(FirstDelay - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await ClaimAsync(h));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var first = await StartedRetryAsync(h, failed);
        Assert.Equal(ExecutionStatus.KO, first.Status);
        Assert.Equal(ExecutionTrigger.Retry, first.Trigger);
        Assert.Equal(failed.Id, first.RerunOf);
        Assert.Equal(failed.Window, first.Window);
        Assert.Contains(await h.LinesAsync(first.Id), l => l.Message.StartsWith("Automatic re-run 1 of 3 of " + failed.Id, StringComparison.Ordinal));

        // The second re-run waits twice as long.
        h.Time.Advance(2 * FirstDelay - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await ClaimAsync(h));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await StartedRetryAsync(h, first);
        Assert.Equal(ExecutionStatus.OK, second.Status);
        Assert.Equal(failed.Window, second.Window);

        // An OK re-run asks for nothing more.
        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await ClaimAsync(h));
        Assert.Equal(3, (await h.ExecutionsAsync()).Count);
        Assert.Null(await h.Store.GetRunRequestAsync(ExternalFailureRetries.RequestId(second.Id)));
    }

    [Fact]
    public async Task WhenEveryReRunFails_TheLastOneSaysContactTheProvider_AndNoMoreIsScheduled()
    {
        var notifier = new RecordingNotifier();
        await using var h = Create(maxAttempts: 2, configure: x => x.AddNotifier(notifier));
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));

        var execution = await h.RunNowAsync();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(5 * Math.Pow(2, attempt - 1)));
            execution = await StartedRetryAsync(h, execution);
            Assert.Equal(ExecutionStatus.KO, execution.Status);
        }

        h.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await ClaimAsync(h));
        Assert.Equal(3, (await h.ExecutionsAsync()).Count);
        var last = await h.LinesAsync(execution.Id, ExecutionLogLevel.Warning);
        Assert.Contains(last, l => l.Message == "The 2 automatic re-run(s) of this External failure all failed: contact the provider (FNAC <support@fnac.example>).");

        var stored = await h.Store.GetNotificationAsync($"retries-exhausted/{execution.Id}");
        Assert.NotNull(stored);
        Assert.Equal(NotificationKind.RetriesExhausted, stored.Kind);
        var notification = NotificationJson.Deserialize(stored.Payload);
        Assert.Equal(execution.Id, notification.ExecutionId);
        Assert.Equal(ErrorCategory.External, notification.Category);
        Assert.Equal("FNAC <support@fnac.example>", notification.Contact);
        Assert.Equal(2, notification.RetryMaxAttempts);
        Assert.Contains("Contact the provider", notification.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mapping")]
    [InlineData("configuration")]
    [InlineData("technical")]
    [InlineData("mapping-then-external")]
    public async Task AKoWhoseFirstErrorIsNotExternal_IsNeverReRun(string failure)
    {
        await using var h = Create();
        h.Scripts.Set("sales", (run, _) => failure switch
        {
            "mapping" => throw new MappingException("Unknown store code 'X9'"),
            "configuration" => throw new ConfigurationException("The API key is missing"),
            "technical" => throw new InvalidOperationException("A bug"),
            _ => MappingThenExternal(run),
        });

        var failed = await h.RunNowAsync();
        Assert.Equal(ExecutionStatus.KO, failed.Status);

        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await ClaimAsync(h));
        Assert.Single(await h.ExecutionsAsync());
        Assert.Null(await h.Store.GetRunRequestAsync(ExternalFailureRetries.RequestId(failed.Id)));
        Assert.DoesNotContain(await h.LinesAsync(failed.Id), l => l.Message.Contains("Automatic re-run", StringComparison.Ordinal));

        static Task MappingThenExternal(IExecutionContext run)
        {
            run.Log.Error(new MappingException("Unknown store code 'X9'"));
            throw new ExternalSystemException("FNAC answered 503");
        }
    }

    [Fact]
    public async Task AnExecutionCancelledAfterAnExternalError_EndsKo_ButIsNotReRun()
    {
        await using var h = Create();
        var logged = new TaskCompletionSource();
        h.Scripts.Set("sales", async (run, token) =>
        {
            run.Log.Error(new ExternalSystemException("FNAC answered 503 for page 1"));
            logged.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        });
        var run = await h.Operations.RunNowAsync("sales");
        await logged.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await h.Operations.CancelAsync(run.Execution.Id, "alice");
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((ExecutionStatus.KO, ExecutionReason.Cancelled), (ended.Status, ended.Reason));
        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await ClaimAsync(h));
        Assert.Null(await h.Store.GetRunRequestAsync(ExternalFailureRetries.RequestId(ended.Id)));
    }

    [Fact]
    public async Task AnInterfaceWithoutTheOption_IsNotReRun()
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));

        var failed = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, await ClaimAsync(h));
        Assert.Null(await h.Store.GetRunRequestAsync(ExternalFailureRetries.RequestId(failed.Id)));
    }

    [Fact]
    public async Task TheDiagnosis_ShowsTheReRunThatIsDue_AndDoesNotAskSupportToReRun()
    {
        await using var h = Create();
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var failed = await h.RunNowAsync();
        var support = h.Provider.GetRequiredService<IExecutionSupport>();

        var pending = await support.DiagnoseAsync(failed.Id);

        Assert.Equal(new AutomaticRerun(1, 3, Harness.Start + FirstDelay, StartedAs: null), pending.AutomaticRerun);
        Assert.Equal(RerunAdvice.None, pending.RerunAdvice);
        Assert.Contains("Automatic re-run 1 of 3 due at 2026-03-02 09:35:00", pending.ToText(), StringComparison.Ordinal);

        h.Time.Advance(FirstDelay);
        var retry = await StartedRetryAsync(h, failed);
        var started = await support.DiagnoseAsync(failed.Id);
        Assert.Equal(retry.Id, started.AutomaticRerun?.StartedAs);
        Assert.Contains($"started as {retry.Id}", started.ToText(), StringComparison.Ordinal);

        var second = await support.DiagnoseAsync(retry.Id);
        Assert.Equal(2, second.AutomaticRerun?.Attempt);
        Assert.Contains("Automatic re-run 2 of 3 due at 2026-03-02 09:45:00", second.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReRunStoredByOneHost_IsStartedByTheNextHost_AfterARestart()
    {
        var scripts = new ConnectorScripts();
        var attempts = 0;
        scripts.Set("sales", (_, _) => ++attempts == 1 ? throw new ExternalSystemException("FNAC answered 503") : Task.CompletedTask);
        // The first host stores the re-run with the KO, then stops for good (it is never used again).
        await using var first = Create(scripts: scripts);
        var failedId = (await first.RunNowAsync()).Id;

        await using var second = Create(store: first.Store, scripts: scripts, time: first.Time);
        first.Time.Advance(FirstDelay);
        var retry = await StartedRetryAsync(second, await first.Store.GetAsync(failedId) ?? throw new InvalidOperationException());

        Assert.Equal(ExecutionStatus.OK, retry.Status);
        Assert.Equal(failedId, retry.RerunOf);
    }

    [Fact]
    public async Task TwoNodesClaimingTogether_StartEachReRunOnce()
    {
        var scripts = new ConnectorScripts();
        scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        await using var a = Create(scripts: scripts, node: "a");
        await using var b = Create(store: a.Store, scripts: scripts, time: a.Time, node: "b");
        var failed = await a.RunNowAsync();

        a.Time.Advance(FirstDelay);
        var claims = await Task.WhenAll(
            Task.Run(() => Worker(a).ClaimAndStartAsync(CancellationToken.None)),
            Task.Run(() => Worker(b).ClaimAndStartAsync(CancellationToken.None)));

        Assert.Equal(1, claims.Sum());
        var retry = await StartedRetryAsync(a, failed, claim: false);
        Assert.Equal(2, (await a.ExecutionsAsync()).Count);
        Assert.Equal(failed.Id, retry.RerunOf);
    }

    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 600)]
    [InlineData(3, 1200)]
    [InlineData(10, 86_400)]
    public void Delays_DoubleFromTheFirst_UpToTheCap_WithoutJitter(int attempt, int seconds)
    {
        var policy = new ExternalFailureRetry { MaxAttempts = 10, FirstDelay = FirstDelay, UseJitter = false };

        Assert.Equal(TimeSpan.FromSeconds(seconds), ExternalFailureRetries.Delay(policy, attempt, random: 0.9));
    }

    [Theory]
    [InlineData(0.0, 225)]
    [InlineData(0.5, 300)]
    [InlineData(0.999_999, 375)]
    public void Jitter_SpreadsADelayBy25PercentEitherWay(double random, int seconds)
    {
        var policy = new ExternalFailureRetry { MaxAttempts = 3, FirstDelay = FirstDelay };

        Assert.Equal(seconds, ExternalFailureRetries.Delay(policy, 1, random).TotalSeconds, precision: 0);
    }

    [Theory]
    [InlineData(0, 300, "between 1 and 20")]
    [InlineData(21, 300, "between 1 and 20")]
    [InlineData(3, 0, "between 1 second and 1 day")]
    public void BadOptions_AreRefusedAtRegistration_NamingTheInterface(int maxAttempts, int firstDelaySeconds, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Harness.Create(sales: i => i.RetryExternalFailures(maxAttempts, TimeSpan.FromSeconds(firstDelaySeconds))));

        Assert.Contains("Interface 'sales'", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADailyExecution_IsNeverReRun()
    {
        await using var h = Create(configure: x => x.AddRealTimeInterface("orders"));
        await Assert.ThrowsAsync<ExternalSystemException>(() => h.Calls.CallAsync<int>("orders", "get", (_, _) => throw new ExternalSystemException("The partner answered 503"), null, CancellationToken.None));
        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await h.Calls.CallAsync("orders", "get", (_, _) => Task.FromResult(1), null, CancellationToken.None));

        var days = await h.ExecutionsAsync(e => e.Kind == ExecutionKind.Daily);
        Assert.Equal(ExecutionStatus.KO, days[0].Status);
        Assert.Equal(0, await ClaimAsync(h));
        Assert.Null(await h.Store.GetRunRequestAsync(ExternalFailureRetries.RequestId(days[0].Id)));
    }

    private static Harness Create(int maxAttempts = 3, Action<IExecutionsBuilder>? configure = null, IExecutionStore? store = null, ConnectorScripts? scripts = null, TimeProvider? time = null, string? node = null)
        => Harness.Create(
            x =>
            {
                if (node is not null)
                {
                    x.Configure(o => o.NodeId = node);
                }

                configure?.Invoke(x);
            },
            sales: i => i.RetryExternalFailures(maxAttempts, FirstDelay, useJitter: false),
            store: store,
            scripts: scripts,
            time: time);

    private static RunRequestWorker Worker(Harness h) => h.Provider.GetRequiredService<RunRequestWorker>();

    private static Task<int> ClaimAsync(Harness h) => Worker(h).ClaimAndStartAsync(CancellationToken.None);

    /// <summary>Claims the re-run of <paramref name="failed"/> (unless already claimed) and waits until it has ended.</summary>
    private static async Task<Execution> StartedRetryAsync(Harness h, Execution failed, bool claim = true)
    {
        if (claim)
        {
            Assert.Equal(1, await ClaimAsync(h));
        }

        var request = await h.Store.GetRunRequestAsync(ExternalFailureRetries.RequestId(failed.Id));
        var id = request?.ExecutionId ?? throw new InvalidOperationException($"The re-run of {failed.Id} did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var execution = await h.Store.GetAsync(id, timeout.Token);
            if (execution is { IsEnded: true })
            {
                return execution;
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed class RecordingNotifier : IExecutionNotifier
    {
        public List<ExecutionNotification> Received { get; } = [];

        public Task NotifyAsync(ExecutionNotification notification, CancellationToken cancellationToken)
        {
            lock (Received)
            {
                Received.Add(notification);
            }

            return Task.CompletedTask;
        }
    }
}
