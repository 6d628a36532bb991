namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="ExchangeRedactor.Redact"/>, the masking every text of a line goes through: each shape a secret takes
/// in a body, a URL, a header value or a message, with the default options.
/// </summary>
public sealed class FreeTextRedactionFacts
{
    private static readonly ExchangeRedactor Redactor = new(new ExchangeCaptureOptions());

    public static TheoryData<string, string> Texts => new()
    {
        // XML elements, any prefix, any case, nested content and CDATA; attributes, quoted either way.
        { "<Login><Password>hunter2</Password></Login>", "<Login><Password>***</Password></Login>" },
        { "<a:ClientSecret>s</a:ClientSecret>", "<a:ClientSecret>***</a:ClientSecret>" },
        { "<token><value>v</value><![CDATA[x]]></token><n>1</n>", "<token>***</token><n>1</n>" },
        { "<wsse:Password Type=\"PasswordText\">p</wsse:Password>", "<wsse:Password Type=\"PasswordText\">***</wsse:Password>" },
        { "<secret>cut short", "<secret>***" },
        { "<token/><n>1</n>", "<token/><n>1</n>" },
        { "<user password=\"p\" apiKey='k'/>", "<user password=\"***\" apiKey='***'/>" },

        // Names that contain a redacted name.
        { "{\"secretKey\":\"s\",\"privateKey\":\"p\",\"credentials\":\"c\",\"pwd\":\"w\"}", "{\"secretKey\":\"***\",\"privateKey\":\"***\",\"credentials\":\"***\",\"pwd\":\"***\"}" },

        // JSON in JSON: escaped inside a string value.
        { "{\"payload\":\"{\\\"token\\\":\\\"t\\\"}\"}", "{\"payload\":\"{\\\"token\\\":\\\"***\\\"}\"}" },

        // URL user info: in a URL, a message, any scheme.
        { "GET https://svc:s3cret@partner.example/orders failed", "GET https://***@partner.example/orders failed" },
        { "sftp://user@host:22/in", "sftp://***@host:22/in" },
        { "https://partner.example/a@b", "https://partner.example/a@b" },

        // Pre-signed URLs.
        { "https://b.s3.example/k?X-Amz-Algorithm=A&X-Amz-Credential=AKIA%2F1&X-Amz-Signature=f00", "https://b.s3.example/k?X-Amz-Algorithm=A&X-Amz-Credential=***&X-Amz-Signature=***" },
        { "https://x.blob.example/c?sv=1&sig=abc%3D&se=2", "https://x.blob.example/c?sv=1&sig=***&se=2" },

        // Credentials in free text.
        { "retrying with Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig after 401", "retrying with Authorization: *** after 401" },
        { "header was Bearer abcdefgh12345", "header was Bearer ***" },
        { "used basic dXNlcjpwYXNzd29yZA== for the call", "used basic *** for the call" },
        { "the basic plan", "the basic plan" },
        { "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln in text", "jwt *** in text" },
        { "eyJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJIUzI1NiJ9" },

        // Forms.
        { "grant_type=password&username=ann&password=p%40ss&client_secret=s", "grant_type=password&username=ann&password=***&client_secret=***" },

        // Nothing to mask.
        { "sale 42 imported at 10:00, total=12.50 <b>ok</b>", "sale 42 imported at 10:00, total=12.50 <b>ok</b>" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void EachShapeOfSecret_IsMasked(string text, string masked)
        => Assert.Equal(masked, Redactor.Redact(text));

    [Theory]
    [InlineData("plain line 42")]
    [InlineData("sale 42 imported at 10:00, total=12.50")]
    [InlineData("")]
    public void TextWithNothingToMask_IsReturnedAsIs(string text)
        => Assert.Same(text, Redactor.Redact(text));

    [Theory]
    [InlineData(@"ACME-(?<secret>\d{6})", "order ACME-123456 sent", "order ACME-*** sent")]
    [InlineData(@"CH\d{2}[0-9 ]{10,30}\d", "iban ch93 0076 2011 6238 5295 7 ok", "iban *** ok")]
    public void TheHostsPatterns_MaskTheirSecretGroup_OrTheirWholeMatch(string pattern, string text, string masked)
    {
        var options = new ExchangeCaptureOptions();
        options.RedactedPatterns.Add(pattern);

        Assert.Equal(masked, new ExchangeRedactor(options).Redact(text));
    }

    [Theory]
    [InlineData(@"(a+)+\1")]
    [InlineData(@"(?=x)y")]
    [InlineData(@"a*")]
    [InlineData(@"[")]
    public void APatternThatCannotRunWithoutBacktracking_OrMatchesNothing_IsRefused(string pattern)
        => Assert.NotNull(RedactionPatterns.Problem(pattern));
}
