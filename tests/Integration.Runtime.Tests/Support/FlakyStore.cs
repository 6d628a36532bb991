using Integration.Storage.Conformance;
namespace Integration.Tests.Support;

/// <summary>A store whose appends fail, as a database that went away would, for the lines a predicate picks.</summary>
public sealed class FlakyStore(IExecutionStore inner, Func<LogEntry, bool> fails) : DelegatingStore(inner)
{
    public override ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
        => fails(entry) ? ValueTask.FromException<long>(new IOException("the database went away")) : Inner.AppendAsync(executionId, entry, cancellationToken);
}
