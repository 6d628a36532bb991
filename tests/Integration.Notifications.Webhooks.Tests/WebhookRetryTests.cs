using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Notifications.Webhooks.Tests;

public sealed class WebhookRetryTests
{
    [Fact]
    public async Task Receiver500Twice_Then200_IsDelivered_ByThreeRequestsOfTheSameEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500, 200);
        await using var host = NotifierHost.Create(receiver.Endpoint);

        await host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);

        Assert.Equal(3, receiver.Requests.Count);
        var first = receiver.Requests[0];
        Assert.All(receiver.Requests, r =>
        {
            Assert.Equal(first.Body, r.Body);
            Assert.Equal(first.Header(WebhookNotifierOptions.DefaultSignatureHeader), r.Header(WebhookNotifierOptions.DefaultSignatureHeader));
        });
        Assert.Contains($"\"id\":\"{Notifications.TurnedKo().Id}\"", System.Text.Encoding.UTF8.GetString(first.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Receiver4xx_FailsAtOnce_WithOneRequest_NamingTheStatus(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync(status);
        await using var host = NotifierHost.Create(receiver.Endpoint);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None));

        Assert.Single(receiver.Requests);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains($"answered {status} ", error.Message, StringComparison.Ordinal);
        Assert.Contains(receiver.Endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("after 1 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(NotifierHost.Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task ReceiverAlwaysFailingTransiently_WithTwoRetries_FailsAfterThreeRequests(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync(status);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None));

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains($"answered {status} ", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoRetries_FailsAfterOneRequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => o.MaxRetries = 0);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None));

        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ReceiverHangingPastTheAttemptTimeout_IsRetried_ThenFails_NamingTheTimeout()
    {
        var time = new FakeTimeProvider(Notifications.OccurredAt);
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Hang);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => { o.MaxRetries = 1; o.AttemptTimeout = TimeSpan.FromSeconds(10); }, time);

        var delivery = host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);
        await receiver.NextArrivalAsync();
        Assert.False(delivery.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        await receiver.NextArrivalAsync();
        time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => delivery.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Contains("timed out after 00:00:10", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiverThatHangsOnce_IsDelivered_ByTheRetry()
    {
        var time = new FakeTimeProvider(Notifications.OccurredAt);
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Hang, 204);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => o.AttemptTimeout = TimeSpan.FromSeconds(10), time);

        var delivery = host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);
        await receiver.NextArrivalAsync();
        time.Advance(TimeSpan.FromSeconds(10));

        await delivery.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task UnreachableEndpoint_IsRetried_ThenFails_NamingTheEndpoint()
    {
        Uri endpoint;
        await using (var gone = await WebhookReceiver.StartAsync(200))
        {
            endpoint = gone.Endpoint;
        }

        await using var host = NotifierHost.Create(endpoint, o => o.MaxRetries = 1);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None));

        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task CallerCancelling_StopsTheDelivery_WithoutRetrying()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Hang);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => o.MaxRetries = 3);
        using var stopping = new CancellationTokenSource();

        var delivery = host.Notifier.NotifyAsync(Notifications.TurnedKo(), stopping.Token);
        await receiver.NextArrivalAsync();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task RetryDelays_StartFromFirstRetryDelay_OnTheHostClock()
    {
        var time = new FakeTimeProvider(Notifications.OccurredAt);
        var clock = new RecordingTimeProvider(time);
        await using var receiver = await WebhookReceiver.StartAsync(503, 503, 200);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => { o.FirstRetryDelay = TimeSpan.FromMinutes(1); o.AttemptTimeout = TimeSpan.FromSeconds(10); }, clock);

        var delivery = host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);
        for (var retry = 1; retry <= 2; retry++)
        {
            await receiver.NextArrivalAsync();
            var delay = await clock.NextTimerAsync(d => d > TimeSpan.Zero && d != TimeSpan.FromSeconds(10) && d != Timeout.InfiniteTimeSpan);
            Assert.Equal(retry, receiver.Requests.Count);
            Assert.False(delivery.IsCompleted);
            time.Advance(delay);
        }

        await delivery.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, receiver.Requests.Count);
    }
}
