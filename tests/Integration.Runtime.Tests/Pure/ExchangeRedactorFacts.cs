namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="ExchangeRedactor"/> with the default options. Names are compared lower-cased with everything but letters
/// and digits removed: a JSON field, an XML element or attribute, a name=value or name: value pair is masked when its
/// name contains a redacted field (password, pwd, secret, token, apiKey, privateKey, credential, signature…); a
/// name=value pair also when its key equals a redacted query key (key, sig, code); a header when it is not
/// allow-listed, and the secrets inside an allowed header's value.
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

        // An object or an array under a redacted name is masked whole, however deep and even cut short.
        { """{"token":{"a":1,"secret":"s"}}""", """{"token":"***"}""" },
        { """{"token":{"value":"v"},"n":1}""", """{"token":"***","n":1}""" },
        { """{"tokens":["a","b"]}""", """{"tokens":"***"}""" },
        { """{"token":["a",{"b":"}"}],"n":1}""", """{"token":"***","n":1}""" },
        { """{"credentials":{"user":"u","pass":"p""", "{\"credentials\":\"***\"" },

        // A redacted name anywhere inside a name: secretKey, privateKey, credentials, pwd.
        { """{"secretKey":"x","privateKey":"x","credentials":"x","pwd":"x"}""", """{"secretKey":"***","privateKey":"***","credentials":"***","pwd":"***"}""" },
        { """{"tokens":"x","passwordHint":"h","keyId":"k"}""", """{"tokens":"***","passwordHint":"***","keyId":"k"}""" },
        { """{"X-Amz-Security-Token":"x","client.secret":"x"}""", """{"X-Amz-Security-Token":"***","client.secret":"***"}""" },
        { """{"key":"k","monkey":"m"}""", """{"key":"k","monkey":"m"}""" },

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

    [Theory]
    [InlineData(128)]
    [InlineData(10_000)]
    public void AJsonFieldNameOfAnyLength_IsCompared(int length)
    {
        var name = new string('a', length) + "token";

        Assert.Equal($$"""{"{{name}}":"***"}""", Redactor.RedactJson($$"""{"{{name}}":"x"}"""));
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
        { "/x?xsig=S", "/x?xsig=S" },
        { "/x?mytoken=S", "/x?mytoken=***" },
        { "/s3/o?X-Amz-Credential=AKIA%2F&X-Amz-Signature=abc&X-Amz-Date=1", "/s3/o?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Date=1" },
        { "/cb?state=s&code=c#access_token=t&expires_in=60", "/cb?state=s&code=***#access_token=***&expires_in=60" },

        // A key glued to other text is still a key.
        { "abc:token=x", "abc:token=***" },
        { "auth:token=x y", "auth:token=*** y" },

        // A quoted value is masked to its closing quote, whatever it holds (another quote included).
        { "<user password=\"p w\" id=\"1\"/>", "<user password=\"***\" id=\"1\"/>" },
        { "<user password='\"quoted' id='1'/>", "<user password='***' id='1'/>" },
        { "password = \"a\\\"b\" next", "password = \"***\" next" },
        { "{\\\"token\\\":\\\"abc\\\"}", "{\\\"token\\\":\\\"***\\\"}" },

        // name: value in free text; a scheme is masked with its credentials.
        { "login failed, password: hunter2 (retry)", "login failed, password: *** (retry)" },
        { "sent Authorization: Bearer abc.def to x", "sent Authorization: *** to x" },
        { "secret: {\"a\":[1,2]} done", "secret: *** done" },
        { "https://host:443/path 10:00", "https://host:443/path 10:00" },

        // An empty value has nothing to mask.
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
        { "Location: https://app.example/cb?code=abc#access_token=t", "Location: https://app.example/cb?code=***#access_token=***" },
        { "Location: https://svc:s3cret@app.example/", "Location: https://***@app.example/" },
        { "Accept: */*\nLocation:  /x?sig=1\nDate: Mon", "Accept: */*\nLocation:  /x?sig=***\nDate: Mon" },
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
