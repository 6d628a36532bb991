namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="ExchangeRedactor"/> with the default options, as the code behaves today. Names are compared lower-cased
/// with '-' and '_' removed: a JSON field is masked when its name ends with a redacted field (password, secret, token,
/// apiKey, authorization); a key=value pair when its key does, or equals a redacted query key (key, sig, signature,
/// credential); a header when it is not allow-listed.
/// </summary>
public sealed class ExchangeRedactorFacts
{
    private static readonly ExchangeRedactor Redactor = new(new ExchangeCaptureOptions());

    public static TheoryData<string, string> Json => new()
    {
        { """{"password":"x"}""", """{"password":"***"}""" },
        { """{"Password":"x"}""", """{"Password":"***"}""" },
        { """{"user_password":"x"}""", """{"user_password":"***"}""" },
        { """{"clientSecret":"x"}""", """{"clientSecret":"***"}""" },
        { """{"api_key":"k","API-KEY":"k","x-api-key":"k"}""", """{"api_key":"***","API-KEY":"***","x-api-key":"***"}""" },
        { """{"Authorization":"Bearer abc"}""", """{"Authorization":"***"}""" },

        // Any JSON value: a number, a literal, null, an escaped quote inside the string.
        { """{"accessToken":12345,"n":1}""", """{"accessToken":"***","n":1}""" },
        { """{"token":true}""", """{"token":"***"}""" },
        { """{"token":null}""", """{"token":"***"}""" },
        { """{"token":"a\"b","n":1}""", """{"token":"***","n":1}""" },
        { "{\"token\"\n  :\t\"abc\"}", "{\"token\"\n  :\t\"***\"}" },

        // An object or an array under a redacted name is walked, not masked.
        { """{"token":{"a":1,"secret":"s"}}""", """{"token":{"a":1,"secret":"***"}}""" },
        { """{"tokens":["a","b"]}""", """{"tokens":["a","b"]}""" },
        { """{"token":["a","b"]}""", """{"token":["a","b"]}""" },

        // Names that only contain a redacted name, or start with one, are kept.
        { """{"tokens":"x","passwordHint":"h","keyId":"k"}""", """{"tokens":"x","passwordHint":"h","keyId":"k"}""" },
        { """{"key":"k"}""", """{"key":"k"}""" },

        // A value that is a redacted name is not a field.
        { """{"kind":"password","n":1}""", """{"kind":"password","n":1}""" },
        { """["password","token"]""", """["password","token"]""" },

        // JSON inside other text, and text cut short.
        { """sent {"token":"abc"} at 11:00""", """sent {"token":"***"} at 11:00""" },
        { """{"a":1,"token":"abcdef""", """{"a":1,"token":"***" """.TrimEnd() },
        { """{"token":""", """{"token":""" },
        { """{"token""", """{"token""" },
    };

    [Theory]
    [MemberData(nameof(Json))]
    public void JsonFields_AreMaskedByName(string text, string masked)
        => Assert.Equal(masked, Redactor.RedactJson(text));

    [Fact]
    public void AJsonFieldNameLongerThan128Characters_IsNotCompared()
    {
        var name = new string('a', 128) + "token";

        Assert.Equal($$"""{"{{name}}":"x"}""", Redactor.RedactJson($$"""{"{{name}}":"x"}"""));
    }

    public static TheoryData<string, string> Pairs => new()
    {
        { "/x?api_key=S&page=2", "/x?api_key=***&page=2" },
        { "/x?key=S", "/x?key=***" },
        { "/x?KEY=S", "/x?KEY=***" },
        { "/x?sig=abc&x=1", "/x?sig=***&x=1" },
        { "/x?Signature=abc", "/x?Signature=***" },
        { "/x?credential=c;next", "/x?credential=***;next" },
        { "a=1&token=abc#frag", "a=1&token=***#frag" },
        { "access_token=abc; path=/", "access_token=***; path=/" },
        { "grant=x&client_secret=s&user=u", "grant=x&client_secret=***&user=u" },
        { "login password=hunter2 ok", "login password=*** ok" },
        { "f(key=abc)", "f(key=***)" },
        { "'key=abc'", "'key=***'" },
        { "\"key=abc\"", "\"key=***\"" },
        { "x=1,token=t,y=2", "x=1,token=***,y=2" },
        { "a.token=5", "a.token=***" },
        { "items[0].password=p", "items[0].password=***" },

        // The whole value, up to the next separator, '=' included.
        { "token=a=b&c=d", "token=***&c=d" },

        // Query keys are matched whole; field names by their end.
        { "/x?monkey=S", "/x?monkey=S" },
        { "/x?keys=S", "/x?keys=S" },
        { "/x?xsignature=S", "/x?xsignature=S" },
        { "/x?mytoken=S", "/x?mytoken=***" },

        // A key glued to other text is not a key; an empty value has nothing to mask.
        { "abc:token=x", "abc:token=x" },
        { "token=", "token=" },
        { "/x?token=&a=1", "/x?token=&a=1" },
        { "=value", "=value" },
        { "no pairs here", "no pairs here" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void PairValues_AreMaskedByKey(string text, string masked)
        => Assert.Equal(masked, Redactor.RedactPairs(text));

    public static TheoryData<string, string> Headers => new()
    {
        { "Authorization: Bearer x", "Authorization: ***" },
        { "Content-Type: application/json", "Content-Type: application/json" },
        { "content-type: text/plain", "content-type: text/plain" },
        { "X-Custom:value", "X-Custom: ***" },
        { "Cookie:   a=b   ", "Cookie: ***" },
        { " Authorization : x", " Authorization : ***" },
        { "Accept: */*\nCookie: a=b\nDate: Mon", "Accept: */*\nCookie: ***\nDate: Mon" },
        { "Cookie: a\n", "Cookie: ***\n" },
        { "Cookie: a\n\nSet-Cookie: b", "Cookie: ***\n\nSet-Cookie: ***" },
        { "X-Time: 11:00:00", "X-Time: ***" },

        // Nothing to mask: an empty value, a value already masked, a line with no name.
        { "Authorization:", "Authorization:" },
        { "Authorization:   ", "Authorization:   " },
        { "Authorization: ***", "Authorization: ***" },
        { "garbage line", "garbage line" },
        { ": value", ": value" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void HeaderValues_AreMaskedUnlessAllowListed(string lines, string masked)
        => Assert.Equal(masked, Redactor.RedactHeaders(lines));

    [Theory]
    [InlineData("Accept", true)]
    [InlineData("ACCEPT", true)]
    [InlineData("Retry-After", true)]
    [InlineData("traceparent", true)]
    [InlineData("X-Correlation-Id", true)]
    [InlineData(" Accept ", false)]
    [InlineData("Authorization", false)]
    [InlineData("Cookie", false)]
    [InlineData("Set-Cookie", false)]
    [InlineData("X-Api-Key", false)]
    [InlineData("Proxy-Authorization", false)]
    [InlineData("", false)]
    public void OnlyAllowListedHeaders_KeepTheirValue(string name, bool allowed)
        => Assert.Equal(allowed, Redactor.IsAllowedHeader(name));

    [Theory]
    [InlineData("json", """{"a":1,"b":[true,null],"c":{"d":"password"}}""")]
    [InlineData("json", "")]
    [InlineData("pairs", "/x?page=2&size=10")]
    [InlineData("pairs", "")]
    [InlineData("headers", "Accept: */*\nDate: Mon")]
    [InlineData("headers", "")]
    public void TextWithNothingToMask_IsReturnedAsIs(string kind, string text)
    {
        var actual = kind switch
        {
            "json" => Redactor.RedactJson(text),
            "pairs" => Redactor.RedactPairs(text),
            _ => Redactor.RedactHeaders(text),
        };

        Assert.Same(text, actual);
    }

    [Theory]
    [InlineData("json", """{"iban":"CH93","Password":"p"}""", """{"iban":"[redacted]","Password":"[redacted]"}""")]
    [InlineData("pairs", "/x?session_id=abc&key=k&page=1", "/x?session_id=[redacted]&key=k&page=1")]
    [InlineData("headers", "X-Tenant: t\nCookie: c\nAccept: */*", "X-Tenant: t\nCookie: [redacted]\nAccept: [redacted]")]
    public void TheNamesAndTheMask_AreConfigurable(string kind, string text, string masked)
    {
        var options = new ExchangeCaptureOptions { Mask = "[redacted]" };
        options.RedactedFields.Add("iban");
        options.RedactedQueryKeys.Clear();
        options.RedactedQueryKeys.Add("SESSION-ID");
        options.AllowedHeaders.Clear();
        options.AllowedHeaders.Add(" X-Tenant ");
        var redactor = new ExchangeRedactor(options);

        var actual = kind switch
        {
            "json" => redactor.RedactJson(text),
            "pairs" => redactor.RedactPairs(text),
            _ => redactor.RedactHeaders(text),
        };

        Assert.Equal(masked, actual);
    }
}
