namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="CsvWriter"/>: RFC 4180 records (CRLF), a field quoted when it holds a comma, a quote, CR or LF, its
/// quotes doubled; text a spreadsheet would run as a formula is prefixed with a single quote first.
/// </summary>
public sealed class CsvWriterFacts
{
    public static TheoryData<string?, string> Texts => new()
    {
        { null, "" },
        { "", "" },
        { "plain", "plain" },
        { "a b", "a b" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "\"", "\"\"\"\"" },
        { "a\nb", "\"a\nb\"" },
        { "a\r\nb", "\"a\r\nb\"" },
        { "a;b", "a;b" },
        { "a\tb", "a\tb" },

        // The formula guard comes before quoting, so a guarded field that needs quotes is quoted whole.
        { "=1+1", "'=1+1" },
        { "-5", "'-5" },
        { "+41", "'+41" },
        { "@SUM(A1)", "'@SUM(A1)" },
        { "\tx", "'\tx" },
        { "=1,2", "\"'=1,2\"" },
        { "@x\"", "\"'@x\"\"\"" },
        { "\r\nx", "\"'\r\nx\"" },
        { "a=1", "a=1" },

        // Text is cleaned as in every export.
        { "\0x", "\u2400x" },
        { "a\u001Bb", "a\u241Bb" },
        { "\uD83D", "\uFFFD" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void AText_IsWrittenQuotedOnlyWhenItMustBe(string? value, string field)
    {
        var output = new StringWriter();
        var csv = new CsvWriter(output);

        csv.Text(value);
        csv.EndRecord();

        Assert.Equal(field + "\r\n", output.ToString());
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-42L, "-42")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(null, "")]
    public void AWholeNumber_IsWrittenInvariant(long? value, string field)
    {
        var output = new StringWriter();

        new CsvWriter(output).Number(value);

        Assert.Equal(field, output.ToString());
    }

    [Theory]
    [InlineData(2.5, "2.5")]
    [InlineData(1.23456, "1.235")]
    [InlineData(1000000.0, "1000000")]
    [InlineData(0.0004, "0")]
    [InlineData(0.0, "0")]
    [InlineData(null, "")]
    public void ANumber_IsWrittenInvariant_WithAtMostThreeDecimals(double? value, string field)
    {
        var output = new StringWriter();

        new CsvWriter(output).Number(value);

        Assert.Equal(field, output.ToString());
    }

    [Theory]
    [InlineData("2026-03-02T11:00:00+00:00", "2026-03-02T11:00:00.0000000Z")]
    [InlineData("2026-03-02T12:00:00+01:00", "2026-03-02T11:00:00.0000000Z")]
    [InlineData("2026-03-02T11:00:00.1234567+00:00", "2026-03-02T11:00:00.1234567Z")]
    [InlineData(null, "")]
    public void AnInstant_IsWrittenInUtc_ToTheTick(string? value, string field)
    {
        var output = new StringWriter();

        new CsvWriter(output).Time(value is null ? null : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(field, output.ToString());
    }

    [Fact]
    public void Fields_AreSeparatedByCommas_AndRecordsByCrLf()
    {
        var output = new StringWriter();
        var csv = new CsvWriter(output);

        csv.Text("a");
        csv.Number(1L);
        csv.Number(2.5);
        csv.Time(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero));
        csv.Text(null);
        csv.EndRecord();
        csv.Text(null);
        csv.Text(null);
        csv.EndRecord();
        csv.EndRecord();

        Assert.Equal("a,1,2.5,2026-03-02T11:00:00.0000000Z,\r\n,\r\n\r\n", output.ToString());
    }
}
