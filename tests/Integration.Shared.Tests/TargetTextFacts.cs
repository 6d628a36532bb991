namespace Integration.Shared.Tests;

/// <summary><see cref="TargetText"/>: the host's own log names a URL by its scheme, host, port and path only.</summary>
public sealed class TargetTextFacts
{
    [Theory]
    [InlineData("https://svc:s3cret@partner.example/orders?api_key=k#t=1", "https://partner.example/orders")]
    [InlineData("http://user@partner.example:8080/a/b", "http://partner.example:8080/a/b")]
    [InlineData("https://partner.example/", "https://partner.example/")]
    [InlineData("/relative?token=t", null)]
    [InlineData(null, null)]
    public void TheHostLog_KeepsNoUserInfoQueryOrFragment(string? target, string? logged)
        => Assert.Equal(logged, TargetText.ForHostLog(target));
}
