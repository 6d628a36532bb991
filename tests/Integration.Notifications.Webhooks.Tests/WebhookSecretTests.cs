using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Notifications.Webhooks.Tests;

public sealed class WebhookSecretTests
{
    [Fact]
    public async Task Secret_IsInNoLogLine_NorExceptionMessage_WhetherDelivered_Retried_Refused_OrTimedOut()
    {
        var time = new FakeTimeProvider(Notifications.OccurredAt);
        await using var receiver = await WebhookReceiver.StartAsync(503, 200, 400, WebhookReceiver.Hang);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => o.MaxRetries = 1, time);
        var errors = new List<Exception>();

        await host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);
        errors.Add(await Assert.ThrowsAsync<HttpRequestException>(() => host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None)));
        for (var earlier = 0; earlier < 3; earlier++)
        {
            await receiver.NextArrivalAsync();
        }

        var hanging = host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);
        await receiver.NextArrivalAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        await receiver.NextArrivalAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        errors.Add(await Assert.ThrowsAsync<HttpRequestException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(30))));

        Assert.Equal(5, receiver.Requests.Count);
        var lines = host.Logs.Lines;
        Assert.Contains(lines, l => l.EventId == 1501 && l.Level == LogLevel.Debug);
        Assert.Contains(lines, l => l.EventId == 1502 && l.Level == LogLevel.Warning);
        Assert.Equal(2, lines.Count(l => l.EventId == 1503 && l.Level == LogLevel.Error));
        Assert.All(lines, l => Assert.DoesNotContain(NotifierHost.Secret, l.Text, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain(NotifierHost.Secret, e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndpointUserInfoAndQuery_AreInNoLogLine_NorExceptionMessage()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        var endpoint = new UriBuilder(receiver.Endpoint) { UserName = "hook-user", Password = "hook-password", Query = "token=query-token" }.Uri;
        await using var host = NotifierHost.Create(endpoint, o => o.MaxRetries = 1);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None));

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Contains(receiver.Endpoint.ToString(), error.Message, StringComparison.Ordinal);
        var ours = host.Logs.Lines.Where(l => l.EventId is 1502 or 1503).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours.Select(l => l.Text).Append(error.Message), text => Assert.Contains(receiver.Endpoint.ToString(), text, StringComparison.Ordinal));

        // Every line, the HttpClient factory's included.
        foreach (var text in host.Logs.Lines.Select(l => l.Text).Append(error.ToString()))
        {
            Assert.DoesNotContain("hook-password", text, StringComparison.Ordinal);
            Assert.DoesNotContain("hook-user", text, StringComparison.Ordinal);
            Assert.DoesNotContain("query-token", text, StringComparison.Ordinal);
        }
    }
}
