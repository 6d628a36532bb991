using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Integration.Tests.Exchanges;

/// <summary>
/// Inputs built to make a scanner or a regular expression go quadratic or exponential: each is masked in time
/// linear in its length (a generous bound here: a catastrophic case takes minutes, not a second), and never throws.
/// </summary>
public sealed class PathologicalRedactionTests
{
    private const int Length = 1_000_000;

    public static TheoryData<string> Repeated => new()
    {
        "a=", "token=", "<password>", "<password", "</", "\"token\":", "\"", "\\\"", "{", "[", "://", "://a@", "Bearer ",
        "eyJ", "eyJaaaaaaaaaaa.", "password: ", "a:", "<", "=", ":",
    };

    [Theory]
    [MemberData(nameof(Repeated))]
    public void APathologicalText_IsMaskedInLinearTime(string unit)
    {
        var options = new ExchangeCaptureOptions { MaxPayloadLength = 16 * 1024 * 1024 };
        options.RedactedPatterns.Add(@"(a+)+b");
        options.RedactedPatterns.Add(@"(?<secret>(x|xx)+y)");
        var sanitizer = new LogLineSanitizer(Options.Create(options));
        var text = string.Concat(Enumerable.Repeat(unit, (Length / unit.Length) + 1)) + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
        var clock = Stopwatch.StartNew();

        var line = sanitizer.Sanitize(new LogEntry { Message = text, Exchange = new ExchangeDetails { ResponseBody = text, ResponseHeaders = "Location: " + text } });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"'{unit}' x {Length / unit.Length}: {clock.Elapsed}");
        Assert.NotNull(line.Exchange!.ResponseBody);
    }
}
