namespace Integration.Tests;

/// <summary><see cref="OperatorText"/>: an actor's name or a reason, made safe to store and show.</summary>
public sealed class OperatorTextFacts
{
    public static TheoryData<string?, string?> Rows => new()
    {
        { null, null },
        { "", null },
        { "   ", null },
        { "alice@example.com", "alice@example.com" },
        { "  bob  ", "bob" },
        { "eve\nforged line", "eve\\nforged line" },
        { "eve\u001B[31m", "eve\\u001B[31m" },
        { new string('a', 200), new string('a', 200) },
        { new string('a', 201), new string('a', 200) },
        { new string('a', 199) + "😀", new string('a', 199) },
        { new string('a', 198) + "\n", new string('a', 198) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Clean_EscapesTrimsAndCaps(string? text, string? expected) => Assert.Equal(expected, OperatorText.Clean(text));
}
