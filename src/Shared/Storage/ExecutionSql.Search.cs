namespace Integration.Storage;

/// <summary>The statement of the line search.</summary>
internal sealed partial class ExecutionSql
{
    /// <summary>
    /// Selects a page of the lines a search finds, newest first (time, execution, sequence), one more than the limit,
    /// each with its execution's id, interface and kind after the line's columns. A correlation id is read from its
    /// index; a text from the correlation index and the text index, together.
    /// </summary>
    public SqlStatement SearchLines(LineSearch search)
    {
        var columns = string.Join(", ", LineColumns.Split(", ").Select(c => "l." + c));

        // A text's lines are read from its hits (the correlation index and the text index, together), never by testing
        // every line: the hits come first (CROSS JOIN keeps SQLite from turning the join around), each read by its key.
        var from = search.Text is null
            ? "log_lines l"
            : $"(SELECT execution_id, sequence FROM log_lines WHERE correlation_id = {_d.Parameter("text")} UNION {_d.LinesHoldingWords}) h CROSS JOIN log_lines l";
        var statement = new SqlStatement(
            $"SELECT {columns}, l.execution_id, e.interface_id, e.kind FROM {from} JOIN executions e ON e.id = l.execution_id WHERE 1 = 1");
        if (search.Text is { } text)
        {
            statement.Append(" AND l.execution_id = h.execution_id AND l.sequence = h.sequence")
                .With("text", text)
                .With("words", _d.Words(LineSearch.Words(text)));
        }

        Filter(statement, "l.correlation_id = ", "correlation", search.CorrelationId);
        Filter(statement, "e.interface_id = ", "interface", search.InterfaceId);
        Filter(statement, "l.time >= ", "from", search.From);
        Filter(statement, "l.time < ", "before", search.Before);
        if (search.After is { } after)
        {
            statement.Append($" AND (l.time, l.execution_id, l.sequence) < ({_d.Parameter("at")}, {_d.Parameter("at_execution")}, {_d.Parameter("at_sequence")})")
                .With("at", after.Time)
                .With("at_execution", after.ExecutionId)
                .With("at_sequence", after.Sequence);
        }

        return statement.Append($" ORDER BY l.time DESC, l.execution_id DESC, l.sequence DESC LIMIT {_d.Parameter("limit")}").With("limit", search.Limit + 1);
    }
}
