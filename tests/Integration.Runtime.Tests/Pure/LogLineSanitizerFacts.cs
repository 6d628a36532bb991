using Microsoft.Extensions.Options;

namespace Integration.Tests.Pure;

/// <summary>
/// <see cref="LogLineSanitizer"/> as a pure function of a line: each text is cut, masked and escaped by the rule of
/// its field. Messages, targets, bodies and exception messages are masked as free text; headers by name (and allowed
/// ones as free text); the method, the correlation id, the exception type and the stack trace are escaped, never
/// masked.
/// </summary>
public sealed class LogLineSanitizerFacts
{
    public enum Field
    {
        Message,
        CorrelationId,
        Method,
        Target,
        RequestHeaders,
        ResponseHeaders,
        RequestBody,
        ResponseBody,
        ExceptionType,
        ExceptionMessage,
        StackTrace,
    }

    public static TheoryData<string, int, string> Cuts => new()
    {
        { "", 10, "" },
        { "abc", 3, "abc" },
        { new string('x', 100), 100, new string('x', 100) },

        // The marker is counted in the cap: what is kept and the marker together fit in it.
        { new string('x', 100), 50, "[truncated: first 15 of 100 chars] " + new string('x', 15) },
        { new string('x', 1000), 100, "[truncated: first 63 of 1000 chars] " + new string('x', 63) },
        { new string('x', 100_000), 32 * 1024, "[truncated: first 32727 of 100000 chars] " + new string('x', 32_727) },

        // A cap smaller than the marker keeps nothing but the marker, longer than the cap.
        { "abcd", 3, "[truncated: first 0 of 4 chars] " },

        // A surrogate pair is never cut in two: the high half is left out with it.
        { new string('x', 14) + "\U0001F600" + new string('y', 50), 50, "[truncated: first 16 of 66 chars] " + new string('x', 14) + "\U0001F600" },
        { new string('x', 15) + "\U0001F600" + new string('y', 50), 50, "[truncated: first 15 of 67 chars] " + new string('x', 15) },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void ATextOverTheCap_IsCut_BehindAMarkerGivingItsLength(string text, int max, string kept)
    {
        var cut = LogLineSanitizer.Truncate(text, max);

        Assert.Equal(kept, cut);
        if (text.Length <= max)
        {
            Assert.Same(text, cut);
        }
    }

    [Theory]
    [InlineData(0L, 4L, "chars", "[truncated: first 0 of 4 chars] ")]
    [InlineData(32_672L, 1_000_000L, "bytes", "[truncated: first 32672 of 1000000 bytes] ")]
    [InlineData(10L, 5_000_000_000L, "lines", "[truncated: first 10 of 5000000000 lines] ")]
    public void TheMarker_GivesWhatIsKeptOfTheOriginal(long kept, long original, string unit, string marker)
        => Assert.Equal(marker, LogLineSanitizer.Marker(kept, original, unit));

    public static TheoryData<Field, string, string> Fields => new()
    {
        { Field.Message, "order 42 sent", "order 42 sent" },
        { Field.Message, "login password=hunter2 ok", "login password=*** ok" },
        { Field.Message, "sent {\"token\":\"abc\"}", "sent {\"token\":\"***\"}" },
        { Field.Message, "token=abc\r\nforged", "token=***\\r\\nforged" },
        { Field.Message, "tab\there", "tab\\there" },

        { Field.CorrelationId, "req-42", "req-42" },
        { Field.CorrelationId, "req\n42", "req\\n42" },
        { Field.CorrelationId, "token=abc", "token=abc" },
        { Field.CorrelationId, new string('c', 300), "[truncated: first 220 of 300 chars] " + new string('c', 220) },

        { Field.Method, "GET", "GET" },
        { Field.Method, "GE\rT", "GE\\rT" },
        { Field.Method, "password=x", "password=x" },

        { Field.Target, "https://p.example/orders?api_key=S&page=2", "https://p.example/orders?api_key=***&page=2" },
        { Field.Target, "/x?sig=abc#frag", "/x?sig=***#frag" },
        { Field.Target, "/x?a=1\n", "/x?a=1\\n" },
        { Field.Target, "/x?q={\"token\":\"a\"}", "/x?q={\"token\":\"***\"}" },
        { Field.Target, "https://svc:s3cret@p.example/x", "https://***@p.example/x" },

        { Field.RequestHeaders, "Authorization: Bearer x\nAccept: */*", "Authorization: ***\nAccept: */*" },
        { Field.RequestHeaders, "Accept: */*\r\nCookie: a=b", "Accept: */*\\r\nCookie: ***" },
        { Field.ResponseHeaders, "X-Evil: a\rInjected: b", "X-Evil: ***" },
        { Field.ResponseHeaders, "Content-Type: text/plain\u0000", "Content-Type: text/plain\\u0000" },

        { Field.RequestBody, "a=1&password=p", "a=1&password=***" },
        { Field.RequestBody, "{\"secret\": \"s\"}\n", "{\"secret\": \"***\"}\n" },
        { Field.ResponseBody, "line 1\r\n\tline 2\u001B", "line 1\r\n\tline 2\\u001B" },
        { Field.ResponseBody, "<token>abc</token>", "<token>***</token>" },

        { Field.ExceptionType, "System.IO.IOException", "System.IO.IOException" },
        { Field.ExceptionType, "Bad\nType", "Bad\\nType" },
        { Field.ExceptionMessage, "failed with key=abc\n", "failed with key=***\\n" },
        { Field.StackTrace, "   at A.B()\n   at C.D(password=x)", "   at A.B()\n   at C.D(password=x)" },
        { Field.StackTrace, "   at A.B()\u0000", "   at A.B()\\u0000" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void EachField_IsStoredByItsOwnRule(Field field, string text, string stored)
    {
        var sanitizer = new LogLineSanitizer(Options.Create(new ExchangeCaptureOptions()));

        var line = sanitizer.Sanitize(Line(field, text));

        Assert.Equal(stored, Read(field, line));
    }

    [Fact]
    public void ALineWithNothingToChange_IsReturnedAsIs()
    {
        var sanitizer = new LogLineSanitizer(Options.Create(new ExchangeCaptureOptions()));
        var exchange = new ExchangeDetails { Method = "GET", Target = "/orders?page=2", RequestHeaders = "Accept: */*", ResponseBody = "ok\n" };
        var exception = new ExceptionSummary("System.Exception", "boom", "   at A.B()\n");
        var entry = new LogEntry { Message = "plain", CorrelationId = "c-1", Exchange = exchange, Exception = exception };

        var line = sanitizer.Sanitize(entry);

        Assert.Same(exchange, line.Exchange);
        Assert.Same(exception, line.Exception);
        Assert.Same(entry.Message, line.Message);
    }

    [Fact]
    public void AStoredCapSmallerThanTheMessage_CutsTheMessageBeforeMaskingIt()
    {
        var sanitizer = new LogLineSanitizer(Options.Create(new ExchangeCaptureOptions { MaxPayloadLength = 60 }));

        var line = sanitizer.Sanitize(new LogEntry { Message = "password=" + new string('s', 100) });

        Assert.Equal("[truncated: first 25 of 109 chars] password=***", line.Message);
    }

    private static LogEntry Line(Field field, string text) => field switch
    {
        Field.Message => new LogEntry { Message = text },
        Field.CorrelationId => new LogEntry { CorrelationId = text },
        Field.Method => new LogEntry { Exchange = new ExchangeDetails { Method = text } },
        Field.Target => new LogEntry { Exchange = new ExchangeDetails { Target = text } },
        Field.RequestHeaders => new LogEntry { Exchange = new ExchangeDetails { RequestHeaders = text } },
        Field.ResponseHeaders => new LogEntry { Exchange = new ExchangeDetails { ResponseHeaders = text } },
        Field.RequestBody => new LogEntry { Exchange = new ExchangeDetails { RequestBody = text } },
        Field.ResponseBody => new LogEntry { Exchange = new ExchangeDetails { ResponseBody = text } },
        Field.ExceptionType => new LogEntry { Exception = new ExceptionSummary(text, "m", null) },
        Field.ExceptionMessage => new LogEntry { Exception = new ExceptionSummary("T", text, null) },
        _ => new LogEntry { Exception = new ExceptionSummary("T", "m", text) },
    };

    private static string? Read(Field field, LogEntry line) => field switch
    {
        Field.Message => line.Message,
        Field.CorrelationId => line.CorrelationId,
        Field.Method => line.Exchange!.Method,
        Field.Target => line.Exchange!.Target,
        Field.RequestHeaders => line.Exchange!.RequestHeaders,
        Field.ResponseHeaders => line.Exchange!.ResponseHeaders,
        Field.RequestBody => line.Exchange!.RequestBody,
        Field.ResponseBody => line.Exchange!.ResponseBody,
        Field.ExceptionType => line.Exception!.Type,
        Field.ExceptionMessage => line.Exception!.Message,
        _ => line.Exception!.StackTrace,
    };
}
