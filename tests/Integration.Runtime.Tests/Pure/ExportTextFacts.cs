namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="ExportText"/>: what the CSV, JSON and Excel exports do to a text. Control characters other than tab, CR
/// and LF become their visible Control Pictures; what UTF-8 or XML cannot hold becomes U+FFFD; over-long text ends
/// with a marker; text starting like a formula is recognised.
/// </summary>
public sealed class ExportTextFacts
{
    public static TheoryData<string, string> Cleaned => new()
    {
        { "", "" },
        { "plain text, é € 😀", "plain text, é € 😀" },
        { "a\tb\r\nc", "a\tb\r\nc" },
        { "\0", "\u2400" },
        { "a\u0001b", "a\u2401b" },
        { "\u001B[31mred", "\u241B[31mred" },
        { "\u001F", "\u241F" },
        { "\u000B\u000C", "\u240B\u240C" },

        // DEL, C1 controls and the line separators are valid XML and UTF-8: kept (the store has escaped them already).
        { "a\u007Fb\u0085c\u2028d", "a\u007Fb\u0085c\u2028d" },

        // Non-characters and lone surrogates cannot be written: U+FFFD.
        { "a\uFFFEb\uFFFF", "a\uFFFDb\uFFFD" },
        { "\uD83D", "\uFFFD" },
        { "\uDE00x", "\uFFFDx" },
        { "\uDE00\uD83D", "\uFFFD\uFFFD" },
        { "\uD83D\uD83D\uDE00", "\uFFFD\U0001F600" },
        { "ok \U0001F600 \uD83D", "ok \U0001F600 \uFFFD" },
    };

    [Theory]
    [MemberData(nameof(Cleaned))]
    public void Clean_MakesEveryCharacterWritable(string text, string clean)
        => Assert.Equal(clean, ExportText.Clean(text));

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("line 1\r\n\tline 2 \U0001F600")]
    public void Clean_ReturnsTheSameText_WhenNothingIsReplaced(string text)
        => Assert.Same(text, ExportText.Clean(text));

    public static TheoryData<string, int, string> Cuts => new()
    {
        { "abc", 3, "abc" },
        { "", 0, "" },

        // The marker is counted in the cap.
        { new string('x', 100), 50, new string('x', 20) + "… [cut: 100 characters in all]" },
        { new string('x', 40_000), ExportText.ExcelCellLimit, new string('x', 32_735) + "… [cut: 40000 characters in all]" },

        // A cap smaller than the marker keeps the marker only.
        { "abcd", 3, "… [cut: 4 characters in all]" },

        // A surrogate pair is never cut in two.
        { new string('x', 19) + "\U0001F600" + new string('y', 79), 50, new string('x', 19) + "… [cut: 100 characters in all]" },
        { new string('x', 18) + "\U0001F600" + new string('y', 80), 50, new string('x', 18) + "\U0001F600… [cut: 100 characters in all]" },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Cut_EndsAnOverLongTextWithAMarker(string text, int max, string cut)
        => Assert.Equal(cut, ExportText.Cut(text, max));

    [Theory]
    [InlineData("=1+1", true)]
    [InlineData("=HYPERLINK(\"http://x\")", true)]
    [InlineData("+41 44 000 00 00", true)]
    [InlineData("-5", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("\t=1", true)]
    [InlineData("\r=1", true)]
    [InlineData("", false)]
    [InlineData(" =1", false)]
    [InlineData("\n=1", false)]
    [InlineData("a=1", false)]
    [InlineData("'=1", false)]
    [InlineData("\uFF1D1", false)]
    [InlineData("5-3", false)]
    public void IsFormulaLike_LooksAtTheFirstCharacterOnly(string text, bool formula)
        => Assert.Equal(formula, ExportText.IsFormulaLike(text));
}
