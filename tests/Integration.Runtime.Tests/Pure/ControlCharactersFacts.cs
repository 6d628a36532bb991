using System.Globalization;

namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="ControlCharacters"/>, beyond the sample rows of Exchanges/ControlCharactersTests: every character of the
/// Basic Multilingual Plane against the rule written out by hand, and the edges of the text.
/// </summary>
public sealed class ControlCharactersFacts
{
    public enum Field
    {
        SingleLine,
        MultiLine,
        HeaderLines,
    }

    [Theory]
    [InlineData(Field.SingleLine)]
    [InlineData(Field.MultiLine)]
    [InlineData(Field.HeaderLines)]
    public void EveryCharacter_IsEscapedExactlyWhenTheRuleSaysSo(Field field)
    {
        var wrong = new List<string>();
        for (var code = 0; code <= 0xFFFF; code++)
        {
            var c = (char)code;
            if (char.IsSurrogate(c))
            {
                continue;
            }

            var expected = Kept(field, c) ? c.ToString() : Escaped(c);
            var actual = Escape(field, c.ToString());
            if (actual != expected)
            {
                wrong.Add($"U+{code:X4}: {actual}");
            }
        }

        Assert.Empty(wrong);
    }

    public static TheoryData<Field, string, string> Edges => new()
    {
        { Field.SingleLine, "", "" },
        { Field.SingleLine, "\n", "\\n" },
        { Field.SingleLine, "\nstart", "\\nstart" },
        { Field.SingleLine, "end\n", "end\\n" },
        { Field.SingleLine, "\r\n\r\n", "\\r\\n\\r\\n" },
        { Field.HeaderLines, "A: 1\r\nB: 2\r\n", "A: 1\\r\nB: 2\\r\n" },
        { Field.MultiLine, "\u0000\u0000\u0000", "\\u0000\\u0000\\u0000" },

        // A backslash is text: an escaped LF and the two characters '\' 'n' read the same afterwards.
        { Field.SingleLine, "a\\nb", "a\\nb" },
        { Field.SingleLine, "a\\u0000b", "a\\u0000b" },

        // Characters outside the BMP, and lone surrogates, are not control characters.
        { Field.SingleLine, "\U0001F600\n\U0001F600", "\U0001F600\\n\U0001F600" },
        { Field.SingleLine, "\uD83D\n", "\uD83D\\n" },
        { Field.MultiLine, "\uDE00", "\uDE00" },

        // Format characters that are not controls stay: zero-width space, BOM, right-to-left override.
        { Field.SingleLine, "a\u200Bb\uFEFFc\u202Ed", "a\u200Bb\uFEFFc\u202Ed" },

        // A long text escaped only near its end.
        { Field.SingleLine, new string('x', 1000) + "\u0007", new string('x', 1000) + "\\u0007" },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void TheEdgesOfATextAreEscapedLikeItsMiddle(Field field, string text, string stored)
        => Assert.Equal(stored, Escape(field, text));

    [Theory]
    [InlineData(Field.SingleLine, "nothing to escape, \U0001F600")]
    [InlineData(Field.MultiLine, "line 1\r\n\tline 2")]
    [InlineData(Field.HeaderLines, "A: 1\nB: 2")]
    [InlineData(Field.SingleLine, "")]
    public void TextWithNothingToEscape_IsReturnedAsIs_InEveryField(Field field, string text)
        => Assert.Same(text, Escape(field, text));

    private static bool Kept(Field field, char c)
    {
        var control = c is < ' ' or (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029';
        return !control || field switch
        {
            Field.SingleLine => false,
            Field.MultiLine => c is '\r' or '\n' or '\t',
            _ => c is '\n',
        };
    }

    private static string Escaped(char c) => c switch
    {
        '\r' => "\\r",
        '\n' => "\\n",
        '\t' => "\\t",
        _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
    };

    private static string Escape(Field field, string text) => field switch
    {
        Field.SingleLine => ControlCharacters.EscapeSingleLine(text),
        Field.MultiLine => ControlCharacters.EscapeMultiLine(text),
        _ => ControlCharacters.EscapeHeaderLines(text),
    };
}
