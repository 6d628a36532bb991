using System.Collections.Concurrent;
using System.Diagnostics;

namespace Integration.AspNetCore.Tests.Secrets;

/// <summary>The tags, names and events of every activity that ends while it listens, whatever its source.</summary>
public sealed class CapturedActivities : IDisposable
{
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ActivityListener _listener;

    public CapturedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _texts.Enqueue(
                $"{activity.Source.Name} {activity.OperationName} {activity.DisplayName} {string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))} "
                + string.Join(" ", activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")))),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<string> Texts => [.. _texts];

    public void Dispose() => _listener.Dispose();
}
