using System.Text;

namespace Integration.Notifications.Webhooks.Tests;

public sealed class WebhookSignatureTests
{
    private const string Fox = "The quick brown fox jumps over the lazy dog";

    // HMAC-SHA256("key", Fox), a widely published vector.
    private const string FoxSignature = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    [Fact]
    public void Compute_IsPrefixedLowercaseHexHmacSha256_OfTheUtf8Secret()
        => Assert.Equal(FoxSignature, WebhookSignature.Compute("key", Encoding.UTF8.GetBytes(Fox)));

    [Fact]
    public void Compute_KeysWithTheUtf8BytesOfTheSecret()
    {
        var body = Encoding.UTF8.GetBytes(Fox);
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("clé-secrète-ünïcode"), body));

        Assert.Equal(expected, WebhookSignature.Compute("clé-secrète-ünïcode", body));
    }

    [Theory]
    [InlineData(FoxSignature, true)]
    [InlineData("sha256=F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8", true)]
    [InlineData("SHA256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", true)]
    [InlineData(" sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8 ", true)]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd9", false)]
    [InlineData("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", false)]
    [InlineData("sha1=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", false)]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3c", false)]
    [InlineData("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8aa", false)]
    [InlineData("sha256=z7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", false)]
    [InlineData("sha256=", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Verify_AcceptsOnlyTheBodysSignature(string? header, bool expected)
        => Assert.Equal(expected, WebhookSignature.Verify("key", Encoding.UTF8.GetBytes(Fox), header));

    [Fact]
    public void Verify_RejectsAnotherSecret_AndABodyChangedByOneByte()
    {
        var body = Encoding.UTF8.GetBytes(Fox);
        var changed = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy cog");

        Assert.False(WebhookSignature.Verify("Key", body, FoxSignature));
        Assert.False(WebhookSignature.Verify("key", changed, FoxSignature));
    }

    [Fact]
    public void EmptySecret_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Compute("", [1]));
        Assert.Throws<ArgumentException>(() => WebhookSignature.Verify("", [1], FoxSignature));
    }
}
