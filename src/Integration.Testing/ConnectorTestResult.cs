using System.Globalization;
using System.Text;

namespace Integration.Testing;

/// <summary>
/// What a connector did in one run: the ended execution and its log, with assertions that throw a
/// <see cref="ConnectorAssertionException"/> showing the whole log when they fail. Assertions chain.
/// </summary>
public sealed class ConnectorTestResult
{
    internal ConnectorTestResult(Execution execution, IReadOnlyList<LogEntry> lines)
    {
        Execution = execution;
        Lines = lines;
    }

    /// <summary>Gets the ended execution.</summary>
    public Execution Execution { get; }

    /// <summary>Gets the execution's status.</summary>
    public ExecutionStatus Status => Execution.Status;

    /// <summary>Gets every line of the log, in order.</summary>
    public IReadOnlyList<LogEntry> Lines { get; }

    /// <summary>Gets the error lines, in order.</summary>
    public IReadOnlyList<LogEntry> Errors => Lines.Where(l => l.IsError).ToList();

    /// <summary>Gets the first error that is not a cascade: the one support reads first; null when there is none.</summary>
    public LogEntry? FirstError => Lines.Where(l => l.IsError && l.Category != ErrorCategory.Cascade).Select(l => (LogEntry?)l).FirstOrDefault();

    /// <summary>Asserts the execution ended OK.</summary>
    /// <returns>This result.</returns>
    public ConnectorTestResult ShouldBeOk() => Check(Status == ExecutionStatus.OK, "the execution to end OK");

    /// <summary>Asserts the execution ended KO, and when <paramref name="firstErrorCategory"/> is given, that its first error has that category.</summary>
    /// <param name="firstErrorCategory">The category of the first error, if it matters.</param>
    /// <returns>This result.</returns>
    public ConnectorTestResult ShouldBeKo(ErrorCategory? firstErrorCategory = null)
    {
        Check(Status == ExecutionStatus.KO, "the execution to end KO");
        return firstErrorCategory is { } category
            ? Check(FirstError?.Category == category, $"the first error to be {category}")
            : this;
    }

    /// <summary>Asserts the log holds an error line of a category, whose message contains a text.</summary>
    /// <param name="category">The category.</param>
    /// <param name="messageContains">A text the message contains, or null for any message.</param>
    /// <returns>This result.</returns>
    public ConnectorTestResult ShouldHaveError(ErrorCategory category, string? messageContains = null)
        => Check(
            Lines.Any(l => l.IsError && l.Category == category && (messageContains is null || l.Message.Contains(messageContains, StringComparison.Ordinal))),
            $"an {category} error{(messageContains is null ? string.Empty : $" containing \"{messageContains}\"")}");

    /// <summary>Asserts the log holds a line at a level (any level when null) whose message contains a text.</summary>
    /// <param name="messageContains">A text the message contains.</param>
    /// <param name="level">The line's level, or null for any.</param>
    /// <returns>This result.</returns>
    public ConnectorTestResult ShouldHaveLine(string messageContains, ExecutionLogLevel? level = null)
    {
        ArgumentNullException.ThrowIfNull(messageContains);
        return Check(
            Lines.Any(l => (level is null || l.Level == level) && l.Message.Contains(messageContains, StringComparison.Ordinal)),
            $"a {(level?.ToString() ?? "log")} line containing \"{messageContains}\"");
    }

    /// <summary>Asserts the log holds no error line.</summary>
    /// <returns>This result.</returns>
    public ConnectorTestResult ShouldHaveNoErrors() => Check(Errors.Count == 0, "no error line");

    /// <summary>Renders the log, one line per entry, as support reads it.</summary>
    /// <returns>The log.</returns>
    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Execution {Execution.Id} of '{Execution.InterfaceId}': {Status} ({Execution.Reason}), window {Execution.Window}");
        foreach (var line in Lines)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  #{line.Sequence} {line.Level,-11} {line.Category?.Indicator() ?? string.Empty} {line.Message}");
        }

        return text.ToString();
    }

    private ConnectorTestResult Check(bool condition, string expected)
        => condition ? this : throw new ConnectorAssertionException($"Expected {expected}, but got:{Environment.NewLine}{this}");
}
