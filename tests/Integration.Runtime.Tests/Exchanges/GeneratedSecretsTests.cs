using System.Diagnostics;
using CsCheck;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Integration.Tests.Exchanges;

/// <summary>
/// The property behind invariant 7: whatever shape a secret takes and wherever it stands, no piece of it (8
/// characters or more) comes out of the sanitizer, and sanitizing never throws. On failure CsCheck shrinks the
/// exchange to a smallest one that still leaks and prints it, with the seed that replays it.
/// </summary>
public sealed class GeneratedSecretsTests(ITestOutputHelper output)
{
    private const int Inputs = 10_000;
    private const int Piece = 8;

    [Fact]
    public void NoGeneratedSecret_Leaks()
    {
        var sanitizer = new LogLineSanitizer(Options.Create(new ExchangeCaptureOptions()));
        var generated = 0;
        var leaks = 0;
        var clock = Stopwatch.StartNew();

        GeneratedSecrets.Samples.Sample(
            sample =>
            {
                Interlocked.Increment(ref generated);
                var leaked = Leaked(sanitizer.Sanitize(sample.Line()), sample.Secrets);
                if (leaked is not null)
                {
                    Interlocked.Increment(ref leaks);
                }

                return leaked is null;
            },
            writeLine: output.WriteLine,
            iter: Inputs,
            print: sample => $"{sample} -> {Stored(sanitizer.Sanitize(sample.Line()))}");

        output.WriteLine($"inputs generated: {generated}, leaks found: {leaks}, in {clock.ElapsedMilliseconds} ms");
        Assert.True(generated >= Inputs, $"only {generated} inputs were generated");
        Assert.Equal(0, leaks);
    }

    private static string? Leaked(LogEntry line, string[] secrets)
    {
        var stored = Stored(line);
        foreach (var secret in secrets)
        {
            for (var i = 0; i + Piece <= secret.Length; i++)
            {
                if (stored.Contains(secret.AsSpan(i, Piece), StringComparison.Ordinal))
                {
                    return secret.Substring(i, Piece);
                }
            }
        }

        return null;
    }

    private static string Stored(LogEntry line)
    {
        var x = line.Exchange;
        return $"{line.Message}|{x?.Target}|{x?.RequestHeaders}|{x?.ResponseHeaders}|{x?.RequestBody}|{x?.ResponseBody}|{line.Exception?.Message}";
    }
}
