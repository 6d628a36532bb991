using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Integration;

/// <summary>
/// The runtime's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Integration</c>.
/// Instrument names are stable and dotted; see docs/concepts.md.
/// </summary>
internal sealed class IntegrationTelemetry
{
    public const string Name = "Integration";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _started;
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _durationExceeded;

    public IntegrationTelemetry(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(Name);
        _started = Meter.CreateCounter<long>("integration.execution.started", "{execution}", "Executions started.");
        _ended = Meter.CreateCounter<long>("integration.execution.ended", "{execution}", "Executions ended, by status and reason.");
        _duration = Meter.CreateHistogram<double>("integration.execution.duration", "s", "How long executions lasted.");
        _errors = Meter.CreateCounter<long>("integration.execution.errors", "{line}", "Error lines written, by category.");
        _durationExceeded = Meter.CreateCounter<long>("integration.execution.duration_exceeded", "{execution}", "Executions that ran past their maximum duration.");
    }

    public Meter Meter { get; }

    public void Started(Execution execution)
        => _started.Add(1, Tag.Interface(execution.InterfaceId), Tag.Trigger(execution.Trigger));

    /// <summary>
    /// Counts an ended execution and records its duration. A KO carries <c>error.type</c> (<see cref="ErrorType"/>), as
    /// OpenTelemetry's conventions ask of a failed operation; other statuses carry none.
    /// </summary>
    public void Ended(Execution execution, ErrorCategory? firstError)
    {
        var tags = new TagList { Tag.Interface(execution.InterfaceId), Tag.Status(execution.Status) };
        if (execution.Status == ExecutionStatus.KO)
        {
            tags.Add(ErrorTypeTag, ErrorType(firstError));
        }

        if (execution.Duration is { } duration)
        {
            _duration.Record(duration.TotalSeconds, tags);
        }

        tags.Add(Tag.Reason(execution.Reason));
        _ended.Add(1, tags);
    }

    /// <summary>
    /// The value of <c>error.type</c> for a KO: its first error's category in lower case (<c>external</c>,
    /// <c>configuration</c>, <c>mapping</c>, <c>technical</c>: never <c>cascade</c>, which is never first), or
    /// <c>_OTHER</c> when the node that ended it saw no error line (another node wrote it, or it was lost).
    /// Low cardinality by construction: five values.
    /// </summary>
    public static string ErrorType(ErrorCategory? firstError) => firstError switch
    {
        ErrorCategory.External => "external",
        ErrorCategory.Configuration => "configuration",
        ErrorCategory.Mapping => "mapping",
        ErrorCategory.Technical => "technical",
        _ => "_OTHER",
    };

    /// <summary>The OpenTelemetry attribute naming the class of error a failed operation ended with.</summary>
    public const string ErrorTypeTag = "error.type";

    public void Error(string interfaceId, ErrorCategory category)
        => _errors.Add(1, Tag.Interface(interfaceId), new KeyValuePair<string, object?>("integration.error.category", category.ToString()));

    public void DurationExceeded(string interfaceId)
        => _durationExceeded.Add(1, Tag.Interface(interfaceId));

    private static class Tag
    {
        public static KeyValuePair<string, object?> Interface(string id) => new("integration.interface", id);

        public static KeyValuePair<string, object?> Trigger(ExecutionTrigger trigger) => new("integration.trigger", trigger.ToString());

        public static KeyValuePair<string, object?> Status(ExecutionStatus status) => new("integration.status", status.ToString());

        public static KeyValuePair<string, object?> Reason(ExecutionReason reason) => new("integration.reason", reason.ToString());
    }
}
