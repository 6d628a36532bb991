using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.Conformance;

/// <summary>
/// The notification outbox: stored once whichever nodes enqueue it, claimed by one node at a time, re-claimable once a
/// claim expired, never claimed again once delivered, purged only once delivered.
/// </summary>
public abstract partial class ExecutionStoreConformanceTests
{
    private const string Payload = "{\"kind\":\"turned-ko\",\"summary\":\"FNAC a répondu 503 \\\"Service Unavailable\\\"\",\n\"lines\":[\"✓\",\"✗\"]}";

    /// <summary>
    /// Creates a fresh, empty store whose clock is <paramref name="time"/>; null for a store whose clock is the
    /// database's (the tests of exact instants then check nothing on it: the other tests cover it with far-apart times).
    /// </summary>
    protected virtual Task<IExecutionStore?> CreateStoreAsync(TimeProvider time) => Task.FromResult<IExecutionStore?>(null);

    protected static StoredNotification NewNotification(string id, NotificationKind kind = NotificationKind.TurnedKo, string interfaceId = "sales", string payload = Payload)
        => new() { Id = id, InterfaceId = interfaceId, Kind = kind, Payload = payload };

    [Fact]
    public async Task EnqueueNotification_TwiceWithOneId_StoresItOnce_KeepingTheFirst()
    {
        var store = await CreateStoreAsync();
        var before = TimeProvider.System.GetUtcNow();

        Assert.True(await store.EnqueueNotificationAsync(NewNotification("turned-ko/1") with { Attempts = 7, ClaimedBy = "forged", CreatedAt = T0 }));
        Assert.False(await store.EnqueueNotificationAsync(NewNotification("turned-ko/1", NotificationKind.Recovered, "stock", "{\"second\":true}")));

        var after = TimeProvider.System.GetUtcNow();
        var read = await store.GetNotificationAsync("turned-ko/1");
        Assert.NotNull(read);
        Assert.Equal(("turned-ko/1", "sales", NotificationKind.TurnedKo, Payload), (read.Id, read.InterfaceId, read.Kind, read.Payload));
        Assert.InRange(read.CreatedAt, before.AddSeconds(-5), after.AddSeconds(5));
        Assert.Equal(0, read.Attempts);
        Assert.Null(read.ClaimedBy);
        Assert.Null(read.ClaimedAt);
        Assert.Null(read.DeliveredAt);
        Assert.Null(read.LastError);
    }

    [Fact]
    public async Task EnqueueNotification_KeepsEveryKind()
    {
        var store = await CreateStoreAsync();

        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            Assert.True(await store.EnqueueNotificationAsync(NewNotification($"n/{(int)kind}", kind)));
        }

        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            Assert.Equal(kind, (await store.GetNotificationAsync($"n/{(int)kind}"))!.Kind);
        }
    }

    [Fact]
    public async Task EnqueueNotification_WithAnIdOver200Characters_IsRefused()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.EnqueueNotificationAsync(NewNotification(new string('n', 201))));
        Assert.True(await store.EnqueueNotificationAsync(NewNotification(new string('n', 200))));
        Assert.Null(await store.GetNotificationAsync(new string('n', 201)));
    }

    [Fact]
    public async Task GetNotification_OfAnUnknownId_IsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetNotificationAsync("turned-ko/unknown"));
    }

    [Fact]
    public async Task ClaimNotifications_TakesTheOldestFirst_UpToTheLimit_CountingTheAttempt()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            await store.EnqueueNotificationAsync(NewNotification($"n-{i}"));
        }

        var stored = new List<StoredNotification>();
        for (var i = 0; i < 3; i++)
        {
            stored.Add((await store.GetNotificationAsync($"n-{i}"))!);
        }

        var claimed = await store.ClaimNotificationsAsync("node-1", limit: 2, TimeSpan.FromHours(1));

        // Oldest by the store's clock, ties by id.
        var oldest = stored.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(oldest.Take(2).Select(n => n.Id), claimed.Select(n => n.Id));
        Assert.All(claimed, n => Assert.Equal(("node-1", 1, Payload), (n.ClaimedBy, n.Attempts, n.Payload)));
        Assert.All(claimed, n => Assert.NotNull(n.ClaimedAt));
        foreach (var notification in claimed)
        {
            Assert.Equal(notification, await store.GetNotificationAsync(notification.Id));
        }

        var last = Assert.Single(await store.ClaimNotificationsAsync("node-2", limit: 2, TimeSpan.FromHours(1)));
        Assert.Equal((oldest[2].Id, "node-2", 1), (last.Id, last.ClaimedBy, last.Attempts));
        Assert.Empty(await store.ClaimNotificationsAsync("node-3", limit: 2, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task ClaimNotifications_GivesEachNotificationToExactlyOneOf16ConcurrentClaimers()
    {
        var store = await CreateStoreAsync();
        var ids = Enumerable.Range(0, 40).Select(i => $"n-{i:00}").ToList();
        foreach (var id in ids)
        {
            await store.EnqueueNotificationAsync(NewNotification(id));
        }

        using var start = new Barrier(16);
        var claimers = Enumerable.Range(0, 16).Select(n => OnOwnThread(async () =>
        {
            start.SignalAndWait();
            var mine = new List<StoredNotification>();
            while (await store.ClaimNotificationsAsync($"node-{n}", limit: 3, TimeSpan.FromHours(1)) is { Count: > 0 } claimed)
            {
                mine.AddRange(claimed);
            }

            return mine;
        })).ToList();
        var claims = (await Task.WhenAll(claimers)).SelectMany(c => c).ToList();

        // Complete and disjoint: every notification exactly once, each claimed once.
        Assert.Equal(ids, claims.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(claims, c => Assert.Equal(1, c.Attempts));
        foreach (var claim in claims)
        {
            var read = (await store.GetNotificationAsync(claim.Id))!;
            Assert.Equal((claim.ClaimedBy, 1), (read.ClaimedBy, read.Attempts));
        }
    }

    [Fact]
    public async Task ClaimNotifications_TakesAClaimedNotificationAgain_OnlyOnceTheClaimExpired()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueNotificationAsync(NewNotification("turned-ko/1"));
        Assert.Single(await store.ClaimNotificationsAsync("node-1", limit: 16, TimeSpan.FromHours(1)));

        Assert.Empty(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.FromHours(1)));
        var reclaimed = Assert.Single(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.Zero));

        Assert.Equal(("turned-ko/1", "node-2", 2), (reclaimed.Id, reclaimed.ClaimedBy, reclaimed.Attempts));
        Assert.Equal(reclaimed, await store.GetNotificationAsync("turned-ko/1"));
    }

    [Fact]
    public async Task FinishNotification_Delivered_IsNeverClaimedAgain_AndFinishingAgainIsFalse()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueNotificationAsync(NewNotification("turned-ko/1"));
        await store.EnqueueNotificationAsync(NewNotification("turned-ko/2"));
        var claimed = await store.ClaimNotificationsAsync("node-1", limit: 16, TimeSpan.FromHours(1));
        Assert.True(await store.FinishNotificationAsync("turned-ko/1", "partner answered 502"));

        Assert.True(await store.FinishNotificationAsync("turned-ko/1", null));

        var delivered = (await store.GetNotificationAsync("turned-ko/1"))!;
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Null(delivered.LastError);
        Assert.Equal(("node-1", 1, claimed.Single(n => n.Id == "turned-ko/1").ClaimedAt), (delivered.ClaimedBy, delivered.Attempts, delivered.ClaimedAt));
        Assert.False(await store.FinishNotificationAsync("turned-ko/1", null));
        Assert.False(await store.FinishNotificationAsync("turned-ko/1", "too late"));
        Assert.False(await store.FinishNotificationAsync("turned-ko/unknown", null));
        Assert.Equal(delivered, await store.GetNotificationAsync("turned-ko/1"));

        // Only the undelivered one is claimed again.
        Assert.Equal(["turned-ko/2"], (await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.Zero)).Select(n => n.Id));
        Assert.Empty(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task FinishNotification_Failed_KeepsTheClaim_AndTheErrorTrimmedTo2000Characters()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueNotificationAsync(NewNotification("turned-ko/1"));
        var claim = Assert.Single(await store.ClaimNotificationsAsync("node-1", limit: 16, TimeSpan.FromHours(1)));
        var error = "webhook answered 500: " + new string('x', 4000);

        Assert.True(await store.FinishNotificationAsync("turned-ko/1", error));

        var failed = (await store.GetNotificationAsync("turned-ko/1"))!;
        Assert.Equal(error[..2000], failed.LastError);
        Assert.Null(failed.DeliveredAt);
        Assert.Equal(("node-1", claim.ClaimedAt, 1), (failed.ClaimedBy, failed.ClaimedAt, failed.Attempts));
        Assert.Empty(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.FromHours(1)));

        var retried = Assert.Single(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.Zero));
        Assert.Equal(("node-2", 2, error[..2000]), (retried.ClaimedBy, retried.Attempts, retried.LastError));
        Assert.True(await store.FinishNotificationAsync("turned-ko/1", "short"));
        Assert.Equal("short", (await store.GetNotificationAsync("turned-ko/1"))!.LastError);
    }

    [Fact]
    public async Task PurgeNotifications_DeletesOnlyTheDeliveredBeforeTheInstant_AtMostABatchAtATime()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.EnqueueNotificationAsync(NewNotification($"n-{i}"));
        }

        Assert.Equal(5, (await store.ClaimNotificationsAsync("node-1", limit: 5, TimeSpan.FromHours(1))).Count);
        await store.EnqueueNotificationAsync(NewNotification("n-unclaimed"));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.FinishNotificationAsync($"n-{i}", null));
        }

        Assert.True(await store.FinishNotificationAsync("n-3", "partner down"));
        var deliveredAt = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            deliveredAt.Add((await store.GetNotificationAsync($"n-{i}"))!.DeliveredAt!.Value);
        }

        // Strictly before the instant: none was delivered before the first delivery.
        Assert.Equal(0, await store.PurgeNotificationsAsync(deliveredAt.Min(), batchSize: 10));
        var after = deliveredAt.Max().AddDays(1);
        Assert.Equal(2, await store.PurgeNotificationsAsync(after, batchSize: 2));
        Assert.Equal(1, await store.PurgeNotificationsAsync(after, batchSize: 2));
        Assert.Equal(0, await store.PurgeNotificationsAsync(DateTimeOffset.MaxValue, batchSize: 2));

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await store.GetNotificationAsync($"n-{i}"));
        }

        Assert.Equal("partner down", (await store.GetNotificationAsync("n-3"))!.LastError);
        Assert.NotNull(await store.GetNotificationAsync("n-4"));
        Assert.NotNull(await store.GetNotificationAsync("n-unclaimed"));
    }

    [Fact]
    public async Task ClaimNotifications_ByTheStoresClock_WaitsExactlyOneClaimTimeout_AfterAFailedDelivery()
    {
        var clock = new FakeTimeProvider(T0);
        if (await CreateStoreAsync(clock) is not { } store)
        {
            return;
        }

        await store.EnqueueNotificationAsync(NewNotification("turned-ko/1"));
        var claim = Assert.Single(await store.ClaimNotificationsAsync("node-1", limit: 16, TimeSpan.FromMinutes(5)));
        Assert.Equal((T0, T0), (claim.CreatedAt, claim.ClaimedAt));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await store.FinishNotificationAsync("turned-ko/1", "partner down"));

        clock.Advance(TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        Assert.Empty(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.FromMinutes(5)));
        clock.Advance(TimeSpan.FromSeconds(1));
        var retried = Assert.Single(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.FromMinutes(5)));

        Assert.Equal((T0.AddMinutes(5), 2), (retried.ClaimedAt, retried.Attempts));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await store.FinishNotificationAsync("turned-ko/1", null));
        Assert.Equal(T0.AddMinutes(5.5), (await store.GetNotificationAsync("turned-ko/1"))!.DeliveredAt);
    }

    [Fact]
    public async Task PurgeNotifications_ByTheStoresClock_KeepsTheDeliveredAtOrAfterTheInstant()
    {
        var clock = new FakeTimeProvider(T0);
        if (await CreateStoreAsync(clock) is not { } store)
        {
            return;
        }

        await store.EnqueueNotificationAsync(NewNotification("n-early"));
        await store.EnqueueNotificationAsync(NewNotification("n-late"));
        await store.ClaimNotificationsAsync("node-1", limit: 16, TimeSpan.FromMinutes(5));
        await store.FinishNotificationAsync("n-early", null);
        clock.Advance(TimeSpan.FromHours(1));
        await store.FinishNotificationAsync("n-late", null);

        Assert.Equal(1, await store.PurgeNotificationsAsync(T0.AddHours(1), batchSize: 10));

        Assert.Null(await store.GetNotificationAsync("n-early"));
        Assert.Equal(T0.AddHours(1), (await store.GetNotificationAsync("n-late"))!.DeliveredAt);
    }
}
