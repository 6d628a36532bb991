namespace Integration.Tests;

public sealed class LineSearchTests
{
    [Theory]
    [InlineData("ORD-12345", "ord|12345")]
    [InlineData("  order   ORD-7 order ", "order|ord|7")]
    [InlineData("a.b@shop.example", "a|b|shop|example")]
    [InlineData("Ticket_981/2026", "ticket|981|2026")]
    [InlineData("Événement déjà vu", "événement|déjà|vu")]
    [InlineData("-- / --", "")]
    public void Words_AreTheRunsOfLettersAndDigits_LowerCased_WithoutRepeats(string text, string expected)
    {
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), LineSearch.Words(text));
    }

    [Theory]
    [InlineData("Order ORD-12345 imported", "ord 12345", true)]
    [InlineData("Ticket 12345 refers to ord", "ORD-12345", true)]
    [InlineData("order ord-123456 imported", "ord-12345", false)]
    [InlineData("ORD12345 is another order", "ord-12345", false)]
    [InlineData("Importing", "import", false)]
    public void HoldsWords_NeedsEveryWordAsAWholeWord(string message, string text, bool holds)
    {
        Assert.Equal(holds, LineSearch.HoldsWords(message, LineSearch.Words(text)));
    }

    [Fact]
    public void Validate_AcceptsACorrelationIdOrAText_AndAValidRange()
    {
        new LineSearch { CorrelationId = "call-1" }.Validate();
        new LineSearch { Text = "ORD-1", From = DateTimeOffset.UnixEpoch, Before = DateTimeOffset.UnixEpoch.AddDays(1), Limit = LineSearch.MaxLimit }.Validate();
    }

    [Fact]
    public void Validate_RefusesAnEmptyTimeRange_NamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LineSearch { Text = "x", From = DateTimeOffset.UnixEpoch, Before = DateTimeOffset.UnixEpoch }.Validate());

        Assert.Equal("Before", error.ParamName);
    }
}
