using System.Text;
using CsCheck;

namespace Integration.Tests.Exchanges;

/// <summary>
/// Generates exchanges that embed a known secret in a random position of JSON, XML, a form, a query, a fragment, a
/// URL's user info, a header or free text, with random casing of the secret's name, nesting, whitespace, Unicode and
/// control characters around it.
/// </summary>
public static class GeneratedSecrets
{
    public enum Shape
    {
        JsonString,
        JsonNumber,
        JsonObject,
        JsonArray,
        JsonEscapedInString,
        XmlElement,
        XmlAttribute,
        FormField,
        QueryKey,
        FragmentKey,
        ColonText,
        EqualsText,
        QuotedEqualsText,
        BearerText,
        BasicText,
        Jwt,
        UserInfo,
        Header,
        LocationHeader,
    }

    public enum Place
    {
        Message,
        Target,
        Headers,
        Body,
        ExceptionMessage,
    }

    /// <summary>Names of secrets as partners and hosts spell them; their casing is then randomised.</summary>
    private static readonly string[] Names =
    [
        "password", "Password", "user_password", "passwd", "pwd", "client_secret", "clientSecret", "secretKey", "privateKey",
        "credentials", "access_token", "refreshToken", "id-token", "X-Api-Key", "api_key", "apiKey", "authorization",
        "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "sessionId", "db.password", "AccessKey", "sig", "code",
    ];

    private static readonly string[] Noise =
    [
        "order 42", "sale", "café", "Zürich", "日本語", "\U0001F600", "\u0000", "\u0001", "\u001B[31m", "\r", "\n", "\r\n", "\t",
        "\u2028", "\u2029", "\u0085", "\u00A0", " ", "  ", ",", ";", ".", "!", "?", "(", ")", "-", "_", "/", "%41", "+", "é",
    ];

    private static readonly string[] Spaces = ["", " ", "  ", "\t", "\n", "\r\n"];

    /// <summary>The alphabet of secrets: no character of the noise, so a leaked piece of a secret is a leak.</summary>
    private const string SecretChars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdfghijkmnpqrstuvwxyz23456789";

    public static Gen<Sample> Samples { get; } =
        from secret in Gen.Char[SecretChars].Array[12, 24].Select(c => new string(c))
        from name in Gen.OneOf(Names)
        from upper in Gen.Bool.Array[name.Length]
        from shape in Gen.Enum<Shape>()
        from space in Gen.OneOf(Spaces)
        from depth in Gen.Int[0, 4]
        from before in Gen.OneOf(Noise).Array[0, 6].Select(n => string.Concat(n))
        from after in Gen.OneOf(Noise).Array[0, 6].Select(n => string.Concat(n))
        from place in Gen.Enum<Place>()
        select Build(secret, Casing(name, upper), shape, space, depth, before, after, place);

    private static string Casing(string name, bool[] upper)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = upper[i] ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    private static Sample Build(string secret, string name, Shape shape, string space, int depth, string before, string after, Place place)
    {
        // Query and form keys that are only secret whole (sig, code) stay in the shapes where they are whole keys.
        var queryOnly = name.Equals("sig", StringComparison.OrdinalIgnoreCase) || name.Equals("code", StringComparison.OrdinalIgnoreCase);
        if (queryOnly && shape is not (Shape.QueryKey or Shape.FormField or Shape.FragmentKey))
        {
            shape = Shape.QueryKey;
        }

        var inline = space.Replace("\n", " ", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
        var text = shape switch
        {
            Shape.JsonString => Nest($"\"{name}\"{space}:{space}\"{secret}\"", depth),
            Shape.JsonNumber => Nest($"\"{name}\":{space}9{DigitsOf(secret)}", depth),
            Shape.JsonObject => Nest($"\"{name}\":{space}{{\"value\":{space}\"{secret}\",\"n\":[1,{{\"x\":\"{secret}\"}}]}}", depth),
            Shape.JsonArray => Nest($"\"{name}\":[{space}\"{secret}\",{space}\"{secret}\"]", depth),
            Shape.JsonEscapedInString => Nest($"\"payload\":\"{{\\\"{name}\\\":{inline}\\\"{secret}\\\"}}\"", depth),
            Shape.XmlElement => XmlNest($"<ns:{XmlName(name)} type=\"t\">{space}{secret}{space}</ns:{XmlName(name)}>", depth),
            Shape.XmlAttribute => XmlNest($"<item id=\"1\" {XmlName(name)}{inline}={inline}{(depth % 2 == 0 ? $"\"{secret}\"" : $"'\"{secret}'")} n='2'/>", depth),
            Shape.FormField => $"grant_type=client_credentials&{name}={secret}&scope=a%20b",
            Shape.QueryKey => $"https://partner.example/v1/orders?page=2&{name}={secret}&size=10",
            Shape.FragmentKey => $"https://app.example/cb#state=s&{name}={secret}",
            Shape.ColonText => $"failed: {name}:{inline}{secret} rejected",
            Shape.EqualsText => $"login {name}{inline}={secret}",
            Shape.QuotedEqualsText => $"config {name}=\"{secret} {secret}\" loaded",
            Shape.BearerText => $"sent {Casing("Bearer", [.. Enumerable.Range(0, 6).Select(i => i < name.Length && char.IsUpper(name[i]))])} {secret}",
            Shape.BasicText => $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + secret))}",
            Shape.Jwt => $"jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi{secret}.{secret}",
            Shape.UserInfo => $"https://svc:{secret}@partner.example/orders",
            Shape.Header => $"Accept: */*\n{name}: {secret}\nDate: Mon",
            _ => $"Location: https://app.example/cb?code={secret}#access_token={secret}",
        };

        // Headers are a block of their own; a base64 credential hides the secret's letters, so the leak check looks for the encoded form too.
        var headers = shape is Shape.Header or Shape.LocationHeader;
        place = headers ? Place.Headers : place == Place.Headers ? Place.Body : place;
        string[] secrets = shape switch
        {
            Shape.BasicText => [secret, Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + secret))[8..]],
            Shape.JsonNumber => [DigitsOf(secret)],
            _ => [secret],
        };
        var full = headers ? text : place == Place.Target && shape is not (Shape.QueryKey or Shape.FragmentKey or Shape.UserInfo) ? text : before + text + after;
        return new Sample(shape, place, full, secrets);
    }

    private static string DigitsOf(string secret) => string.Concat(secret.Select(c => (c % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string XmlName(string name) => name.Replace(".", "-", StringComparison.Ordinal);

    private static string Nest(string member, int depth)
    {
        var json = $"{{\"id\":1,{member},\"ok\":true}}";
        for (var i = 0; i < depth; i++)
        {
            json = i % 2 == 0 ? $"{{\"level{i}\":[{json},2]}}" : $"{{\"level{i}\":{json}}}";
        }

        return json;
    }

    private static string XmlNest(string element, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            element = $"<level{i} a=\"{i}\">{element}</level{i}>";
        }

        return element;
    }

    /// <summary>One generated exchange: where the text goes, and the secrets that must not come out.</summary>
    public sealed record Sample(Shape Shape, Place Place, string Text, string[] Secrets)
    {
        public LogEntry Line() => Place switch
        {
            Place.Message => new LogEntry { Message = Text },
            Place.Target => new LogEntry { Message = "m", Exchange = new ExchangeDetails { Target = Text } },
            Place.Headers => new LogEntry { Message = "m", Exchange = new ExchangeDetails { RequestHeaders = Text, ResponseHeaders = Text } },
            Place.Body => new LogEntry { Message = "m", Exchange = new ExchangeDetails { RequestBody = Text, ResponseBody = Text } },
            _ => new LogEntry { Message = "m", Exception = new ExceptionSummary("System.Exception", Text, null) },
        };

        public override string ToString() => $"{Shape} in {Place}: {System.Text.Json.JsonSerializer.Serialize(Text)}";
    }
}
