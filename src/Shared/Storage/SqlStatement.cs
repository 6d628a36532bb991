namespace Integration.Storage;

/// <summary>A statement's text and its named arguments, written once for both SQL stores. Compiled into each SQL store package.</summary>
internal sealed class SqlStatement(string text)
{
    public string Text { get; private set; } = text;

    /// <summary>Gets the arguments: a name (no prefix), a value (null for NULL), and the value's type, which NULLs keep.</summary>
    public List<(string Name, object? Value, Type Type)> Arguments { get; } = [];

    public SqlStatement With<T>(string name, T value)
    {
        Arguments.Add((name, value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T)));
        return this;
    }

    public SqlStatement Append(string text)
    {
        Text += text;
        return this;
    }
}
