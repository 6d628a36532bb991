namespace Integration.Tests.Pure;

/// <summary><see cref="InterfaceIds.Validate"/>: 1 to 100 ASCII letters, digits, '-', '_' and '.'; anything else fails with the id in the message.</summary>
public sealed class InterfaceIdsFacts
{
    [Theory]
    [InlineData("sales")]
    [InlineData("a")]
    [InlineData("A-b_c.9")]
    [InlineData("orders.v2")]
    [InlineData("0")]
    [InlineData("-")]
    [InlineData("...")]
    public void AnInterfaceId_OfAsciiLettersDigitsAndDashUnderscoreDot_IsValid(string interfaceId)
        => InterfaceIds.Validate(interfaceId);

    [Fact]
    public void AnInterfaceId_OfTheMaximumLength_IsValid()
        => InterfaceIds.Validate(new string('a', InterfaceIds.MaxLength));

    [Theory]
    [InlineData("a b", "Interface id 'a b' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    [InlineData("caf\u00e9", "Interface id 'caf\u00e9' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    [InlineData("a/b", "Interface id 'a/b' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    [InlineData("a@b", "Interface id 'a@b' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    [InlineData("a:b", "Interface id 'a:b' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    [InlineData("a\nb", "Interface id 'a\nb' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    [InlineData(" sales", "Interface id ' sales' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    [InlineData("\uFF53ales", "Interface id '\uFF53ales' may hold only ASCII letters, digits, '-', '_' and '.'.")]
    public void AnInterfaceId_WithAnyOtherCharacter_IsRejected(string interfaceId, string message)
    {
        var failure = Assert.Throws<ArgumentException>(() => InterfaceIds.Validate(interfaceId));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
        Assert.Equal("interfaceId", failure.ParamName);
    }

    [Fact]
    public void AnInterfaceId_LongerThanTheMaximum_IsRejected_WithItsStartOnly()
    {
        var failure = Assert.Throws<ArgumentException>(() => InterfaceIds.Validate(new string('a', InterfaceIds.MaxLength + 1)));

        Assert.StartsWith($"Interface id '{new string('a', 20)}…' is longer than 100 characters.", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    public void AnEmptyInterfaceId_IsRejected(string? interfaceId)
        => Assert.ThrowsAny<ArgumentException>(() => InterfaceIds.Validate(interfaceId!));
}
