namespace Integration.Tests.Exchanges;

/// <summary>
/// How each kind of field stores a control character: single-line fields escape them all; bodies and stack traces
/// keep CR, LF and TAB; header blocks keep LF only. Everything else becomes visible data.
/// </summary>
public sealed class ControlCharactersTests
{
    public enum Field
    {
        SingleLine,
        MultiLine,
        HeaderLines,
    }

    public static TheoryData<Field, string, string> Rows => new()
    {
        { Field.SingleLine, "plain text, é € 😀", "plain text, é € 😀" },
        { Field.MultiLine, "plain text, é € 😀", "plain text, é € 😀" },
        { Field.HeaderLines, "plain text, é € 😀", "plain text, é € 😀" },

        { Field.SingleLine, "a\0b", "a\\u0000b" },
        { Field.MultiLine, "a\0b", "a\\u0000b" },
        { Field.HeaderLines, "a\0b", "a\\u0000b" },

        { Field.SingleLine, "a\rb", "a\\rb" },
        { Field.MultiLine, "a\rb", "a\rb" },
        { Field.HeaderLines, "a\rb", "a\\rb" },

        { Field.SingleLine, "a\nb", "a\\nb" },
        { Field.MultiLine, "a\nb", "a\nb" },
        { Field.HeaderLines, "a\nb", "a\nb" },

        { Field.SingleLine, "a\tb", "a\\tb" },
        { Field.MultiLine, "a\tb", "a\tb" },
        { Field.HeaderLines, "a\tb", "a\\tb" },

        { Field.SingleLine, "a\u2028b\u2029c", "a\\u2028b\\u2029c" },
        { Field.MultiLine, "a\u2028b\u2029c", "a\\u2028b\\u2029c" },
        { Field.HeaderLines, "a\u2028b\u2029c", "a\\u2028b\\u2029c" },

        { Field.SingleLine, "\u001B[31mred", "\\u001B[31mred" },
        { Field.MultiLine, "\u001B[31mred", "\\u001B[31mred" },
        { Field.HeaderLines, "\u001B[31mred", "\\u001B[31mred" },

        { Field.SingleLine, "a\u007Fb", "a\\u007Fb" },
        { Field.MultiLine, "a\u007Fb", "a\\u007Fb" },
        { Field.HeaderLines, "a\u007Fb", "a\\u007Fb" },

        { Field.SingleLine, "c1 \u0080 \u0085 \u009B \u009F", "c1 \\u0080 \\u0085 \\u009B \\u009F" },
        { Field.MultiLine, "c1 \u0080 \u0085 \u009B \u009F", "c1 \\u0080 \\u0085 \\u009B \\u009F" },
        { Field.HeaderLines, "c1 \u0080 \u0085 \u009B \u009F", "c1 \\u0080 \\u0085 \\u009B \\u009F" },

        { Field.SingleLine, "\u0001\u0008\u000B\u000C\u001F", "\\u0001\\u0008\\u000B\\u000C\\u001F" },
        { Field.MultiLine, "line 1\r\nline 2\u0000\u0000", "line 1\r\nline 2\\u0000\\u0000" },
        { Field.MultiLine, "\u00A0 and \u00FF are text", "\u00A0 and \u00FF are text" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void AControlCharacter_IsStoredAsVisibleData(Field field, string text, string stored)
    {
        var escaped = field switch
        {
            Field.SingleLine => ControlCharacters.EscapeSingleLine(text),
            Field.MultiLine => ControlCharacters.EscapeMultiLine(text),
            _ => ControlCharacters.EscapeHeaderLines(text),
        };

        Assert.Equal(stored, escaped);
    }

    [Fact]
    public void TextWithNothingToEscape_IsReturnedAsIs()
    {
        const string text = "nothing to escape";

        Assert.Same(text, ControlCharacters.EscapeMultiLine(text));
    }
}
