using System.Data.Common;

namespace Integration.Storage;

/// <summary>
/// What the SQL stores write differently, so that <see cref="ExecutionSql"/> writes each statement once: the
/// parameter prefix, the store's clock, booleans, the largest-of function, the insert's conflict clause, and how ids
/// and instants are kept and bound. Compiled into each SQL store package.
/// </summary>
/// <param name="parameterPrefix">The prefix of a named parameter (<c>$</c> or <c>@</c>).</param>
/// <param name="bindsNow">
/// Whether the store's clock is the injected <see cref="TimeProvider"/>, bound as the parameter <c>now</c> (false: the
/// database's own clock, <c>now()</c>).
/// </param>
/// <param name="booleans">The literals true and false.</param>
/// <param name="greatest">The function that gives the larger of its arguments.</param>
/// <param name="insertConflict">The clause that makes an execution's insert do nothing when it conflicts.</param>
internal abstract class SqlDialect(char parameterPrefix, bool bindsNow, (string True, string False) booleans, string greatest, string insertConflict)
{
    /// <summary>Gets the prefix of a named parameter (<c>$</c> or <c>@</c>).</summary>
    public char ParameterPrefix { get; } = parameterPrefix;

    /// <summary>
    /// Gets whether the store's clock is the injected <see cref="TimeProvider"/>, bound as the parameter <c>now</c>
    /// (false: the database's own clock, <see cref="Now"/> is a function).
    /// </summary>
    public bool BindsNow { get; } = bindsNow;

    /// <summary>Gets the store's clock in a statement: the parameter <c>now</c>, or the database's <c>now()</c>.</summary>
    public string Now => BindsNow ? Parameter("now") : "now()";

    /// <summary>Gets the literal true.</summary>
    public string True { get; } = booleans.True;

    /// <summary>Gets the literal false.</summary>
    public string False { get; } = booleans.False;

    /// <summary>Gets the function that gives the larger of its arguments.</summary>
    public string Greatest { get; } = greatest;

    /// <summary>Gets the clause that makes an execution's insert do nothing when it conflicts.</summary>
    public string InsertConflict { get; } = insertConflict;

    /// <summary>Gets a parameter's placeholder.</summary>
    public string Parameter(string name) => ParameterPrefix + name;

    /// <summary>Reads an execution id from a column.</summary>
    public abstract ExecutionId ReadId(DbDataReader reader, int ordinal);

    /// <summary>Reads an instant from a column.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Adds a statement's arguments to a command, each converted to the way the store keeps it.</summary>
    public abstract void Bind(DbCommand command, SqlStatement statement);

    /// <summary>Gets the clause a claim's inner select ends with, so concurrent claims skip each other's rows (empty: the store has one writer).</summary>
    public virtual string SkipLocked => string.Empty;

    /// <summary>
    /// Gets a query of the <c>execution_id, sequence</c> of the lines whose message holds every word bound as the
    /// parameter <c>words</c> (<see cref="Words"/>), answered from the store's text index.
    /// </summary>
    public abstract string LinesHoldingWords { get; }

    /// <summary>Writes <see cref="LineSearch.Words"/> as the argument <c>words</c> of <see cref="LinesHoldingWords"/>.</summary>
    public abstract string Words(IReadOnlyList<string> words);
}
