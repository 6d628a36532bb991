using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.Conformance;

/// <summary>Run requests: stored by a host that only operates, claimed by exactly one executing node, re-claimable once a claim expired.</summary>
public abstract partial class ExecutionStoreConformanceTests
{
    private static readonly string[] Sales = ["sales"];

    protected static RunRequest NewRunRequest(string interfaceId = "sales", string? actor = "alice", ExecutionId? rerunOf = null) => new()
    {
        Id = Guid.NewGuid(),
        InterfaceId = interfaceId,
        Trigger = rerunOf is null ? ExecutionTrigger.Manual : ExecutionTrigger.Rerun,
        Window = new ExecutionWindow(T0.AddHours(-2), T0),
        RerunOf = rerunOf,
        Actor = actor,
    };

    [Fact]
    public async Task RequestRun_ThenGet_ReturnsTheRequest_StampedByTheStore_AndNotClaimed()
    {
        var store = await CreateStoreAsync();
        var original = ExecutionId.New(T0);
        var request = NewRunRequest(rerunOf: original);
        var before = TimeProvider.System.GetUtcNow();

        var stored = await store.RequestRunAsync(request);

        var after = TimeProvider.System.GetUtcNow();
        var read = await store.GetRunRequestAsync(request.Id);
        Assert.NotNull(read);
        Assert.Equal(stored, read);
        Assert.Equal(request.Id, read.Id);
        Assert.Equal("sales", read.InterfaceId);
        Assert.Equal(ExecutionTrigger.Rerun, read.Trigger);
        Assert.Equal(request.Window, read.Window);
        Assert.Equal(original, read.RerunOf);
        Assert.Equal("alice", read.Actor);
        Assert.InRange(read.RequestedAt, before.AddSeconds(-5), after.AddSeconds(5));
        Assert.Null(read.ClaimedBy);
        Assert.Null(read.ClaimedAt);
        Assert.Null(read.ExecutionId);
    }

    [Fact]
    public async Task RequestRun_TwiceWithOneId_KeepsTheFirst()
    {
        var store = await CreateStoreAsync();
        var request = NewRunRequest(actor: "alice");
        var first = await store.RequestRunAsync(request);

        var second = await store.RequestRunAsync(request with { Actor = "bob" });

        Assert.Equal(first, second);
        Assert.Equal("alice", (await store.GetRunRequestAsync(request.Id))!.Actor);
    }

    [Fact]
    public async Task GetRunRequest_OfAnUnknownId_IsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetRunRequestAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task ClaimRunRequests_GivesEachRequestToExactlyOneOf16ConcurrentClaimers()
    {
        var store = await CreateStoreAsync();
        var requests = new List<RunRequest>();
        for (var i = 0; i < 40; i++)
        {
            requests.Add(await store.RequestRunAsync(NewRunRequest()));
        }

        using var start = new Barrier(16);
        var claimers = Enumerable.Range(0, 16).Select(n => Task.Run(async () =>
        {
            start.SignalAndWait();
            var mine = new List<RunRequest>();
            while (await store.ClaimRunRequestsAsync($"node-{n}", Sales, limit: 3, TimeSpan.FromHours(1)) is { Count: > 0 } claimed)
            {
                mine.AddRange(claimed);
            }

            return mine;
        })).ToList();
        var claims = (await Task.WhenAll(claimers)).SelectMany(c => c).ToList();

        Assert.Equal(requests.Select(r => r.Id).Order(), claims.Select(c => c.Id).Order());
        Assert.All(claims, c => Assert.NotNull(c.ClaimedAt));
        foreach (var claim in claims)
        {
            Assert.Equal(claim.ClaimedBy, (await store.GetRunRequestAsync(claim.Id))!.ClaimedBy);
        }
    }

    [Fact]
    public async Task ClaimRunRequests_TakesTheOldestFirst_UpToTheLimit()
    {
        var store = await CreateStoreAsync();
        var stored = new List<RunRequest>();
        for (var i = 0; i < 3; i++)
        {
            stored.Add(await store.RequestRunAsync(NewRunRequest(actor: $"operator-{i}")));
        }

        var claimed = await store.ClaimRunRequestsAsync("node-1", Sales, limit: 2, TimeSpan.FromHours(1));

        // Oldest by the store's clock, ties by id.
        var oldest = stored.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id.ToString("D"), StringComparer.Ordinal).ToList();
        Assert.Equal(oldest.Take(2).Select(r => r.Id), claimed.Select(c => c.Id));
        Assert.All(claimed, c => Assert.Equal("node-1", c.ClaimedBy));
        Assert.Equal(oldest[2].Id, Assert.Single(await store.ClaimRunRequestsAsync("node-1", Sales, limit: 2, TimeSpan.FromHours(1))).Id);
    }

    [Fact]
    public async Task ClaimRunRequests_LeavesTheRequestsOfInterfacesTheNodeDoesNotRegister()
    {
        var store = await CreateStoreAsync();
        var stock = await store.RequestRunAsync(NewRunRequest(interfaceId: "stock"));

        Assert.Empty(await store.ClaimRunRequestsAsync("node-1", Sales, limit: 16, TimeSpan.FromHours(1)));
        Assert.Empty(await store.ClaimRunRequestsAsync("node-1", [], limit: 16, TimeSpan.FromHours(1)));
        Assert.Null((await store.GetRunRequestAsync(stock.Id))!.ClaimedBy);

        var claimed = Assert.Single(await store.ClaimRunRequestsAsync("node-2", ["sales", "stock"], limit: 16, TimeSpan.FromHours(1)));
        Assert.Equal(stock.Id, claimed.Id);
        Assert.Equal("node-2", claimed.ClaimedBy);
    }

    [Fact]
    public async Task ClaimRunRequests_TakesAClaimedRequestAgain_OnlyOnceTheClaimExpired()
    {
        var store = await CreateStoreAsync();
        var request = await store.RequestRunAsync(NewRunRequest());
        Assert.Single(await store.ClaimRunRequestsAsync("node-1", Sales, limit: 16, TimeSpan.FromHours(1)));

        Assert.Empty(await store.ClaimRunRequestsAsync("node-2", Sales, limit: 16, TimeSpan.FromHours(1)));
        var reclaimed = Assert.Single(await store.ClaimRunRequestsAsync("node-2", Sales, limit: 16, TimeSpan.Zero));

        Assert.Equal(request.Id, reclaimed.Id);
        Assert.Equal("node-2", reclaimed.ClaimedBy);
        Assert.Equal("node-2", (await store.GetRunRequestAsync(request.Id))!.ClaimedBy);
    }

    [Fact]
    public async Task MarkRunRequestStarted_RecordsTheExecutionOnce_AndNoNodeClaimsTheRequestAgain()
    {
        var store = await CreateStoreAsync();
        var request = await store.RequestRunAsync(NewRunRequest());
        Assert.Single(await store.ClaimRunRequestsAsync("node-1", Sales, limit: 16, TimeSpan.FromHours(1)));
        var execution = ExecutionId.New(T0);

        Assert.True(await store.MarkRunRequestStartedAsync(request.Id, execution));
        Assert.False(await store.MarkRunRequestStartedAsync(request.Id, ExecutionId.New(T0.AddSeconds(1))));
        Assert.False(await store.MarkRunRequestStartedAsync(Guid.NewGuid(), execution));

        Assert.Equal(execution, (await store.GetRunRequestAsync(request.Id))!.ExecutionId);
        Assert.Empty(await store.ClaimRunRequestsAsync("node-2", Sales, limit: 16, TimeSpan.Zero));
    }

    [Fact]
    public async Task RequestRun_OfAnAutomaticRerun_KeepsItsTrigger_DueTime_AndAttempt()
    {
        var store = await CreateStoreAsync();
        var failed = ExecutionId.New(T0);
        var retry = NewRunRequest(actor: null, rerunOf: failed) with { Trigger = ExecutionTrigger.Retry, DueAt = T0.AddMinutes(5).AddTicks(10), Attempt = 3 };
        var manual = NewRunRequest();

        var stored = await store.RequestRunAsync(retry);
        await store.RequestRunAsync(manual);

        var read = (await store.GetRunRequestAsync(retry.Id))!;
        Assert.Equal(stored, read);
        Assert.Equal((ExecutionTrigger.Retry, failed, T0.AddMinutes(5).AddTicks(10), 3, (string?)null), (read.Trigger, read.RerunOf, read.DueAt, read.Attempt, read.Actor));
        var plain = (await store.GetRunRequestAsync(manual.Id))!;
        Assert.Null(plain.DueAt);
        Assert.Null(plain.Attempt);
    }

    [Fact]
    public async Task ClaimRunRequests_LeavesARequestDueLater_AndTakesTheDueOnes_OldestFirst()
    {
        var store = await CreateStoreAsync();
        var now = TimeProvider.System.GetUtcNow();
        var duePast = await store.RequestRunAsync(NewRunRequest() with { Trigger = ExecutionTrigger.Retry, DueAt = now.AddHours(-1), Attempt = 1 });
        var asap = await store.RequestRunAsync(NewRunRequest());
        var dueLater = await store.RequestRunAsync(NewRunRequest() with { Trigger = ExecutionTrigger.Retry, DueAt = now.AddDays(1), Attempt = 1 });
        var asapToo = await store.RequestRunAsync(NewRunRequest());

        var claimed = await store.ClaimRunRequestsAsync("node-1", Sales, limit: 16, TimeSpan.Zero);

        var expected = new[] { duePast, asap, asapToo }.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id.ToString("D"), StringComparer.Ordinal).Select(r => r.Id);
        Assert.Equal(expected, claimed.Select(r => r.Id));
        Assert.Equal((ExecutionTrigger.Retry, 1), (claimed[0].Trigger, claimed[0].Attempt));
        Assert.Null((await store.GetRunRequestAsync(dueLater.Id))!.ClaimedBy);
        Assert.DoesNotContain(dueLater.Id, (await store.ClaimRunRequestsAsync("node-2", Sales, limit: 16, TimeSpan.Zero)).Select(r => r.Id));
    }

    [Fact]
    public async Task ClaimRunRequests_TakesARequestOnceTheStoresClockReachesItsDueTime()
    {
        var clock = new FakeTimeProvider(T0);
        if (await CreateStoreAsync(clock) is not { } store)
        {
            return;
        }

        var request = await store.RequestRunAsync(NewRunRequest() with { Trigger = ExecutionTrigger.Retry, DueAt = T0.AddMinutes(10), Attempt = 2 });
        Assert.Empty(await store.ClaimRunRequestsAsync("node-1", Sales, limit: 16, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Empty(await store.ClaimRunRequestsAsync("node-1", Sales, limit: 16, TimeSpan.Zero));

        clock.Advance(TimeSpan.FromSeconds(1));
        var claimed = Assert.Single(await store.ClaimRunRequestsAsync("node-1", Sales, limit: 16, TimeSpan.Zero));

        Assert.Equal((request.Id, T0.AddMinutes(10), (DateTimeOffset?)T0.AddMinutes(10), 2), (claimed.Id, claimed.DueAt!.Value, claimed.ClaimedAt, claimed.Attempt));
    }
}
