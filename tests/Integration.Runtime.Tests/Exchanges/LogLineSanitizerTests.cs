using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Tests.Exchanges;

public sealed class LogLineSanitizerTests
{
    [Fact]
    public async Task Secrets_AreMaskedBeforeTheyReachTheStore()
    {
        await using var harness = Harness.Create();
        harness.Scripts.Set("sales", run => run.Log.Exchange(
            new ExchangeDetails
            {
                Method = "POST",
                Target = "https://partner.example/orders?api_key=SECRET-QUERY&page=2",
                RequestHeaders = "Authorization: Bearer SECRET-HEADER\nContent-Type: application/json",
                RequestBody = """{"user":"ann","Password":"SECRET-JSON","nested":{"x-api-key":"SECRET-NESTED","items":[{"access_token":"SECRET-ARRAY"}]},"count":3}""",
                StatusCode = 200,
            }));

        var execution = await harness.RunNowAsync();

        var line = Assert.Single(await harness.LinesAsync(execution.Id), l => l.Exchange is not null);
        var all = $"{line.Message} {line.Exchange!.Target} {line.Exchange.RequestHeaders} {line.Exchange.RequestBody}";
        Assert.DoesNotContain("SECRET", all, StringComparison.Ordinal);
        Assert.Equal("https://partner.example/orders?api_key=***&page=2", line.Exchange.Target);
        Assert.Equal("Authorization: ***\nContent-Type: application/json", line.Exchange.RequestHeaders);
        Assert.Equal("""{"user":"ann","Password":"***","nested":{"x-api-key":"***","items":[{"access_token":"***"}]},"count":3}""", line.Exchange.RequestBody);
    }

    [Fact]
    public void AStringValueCutShort_IsMaskedToTheEnd()
    {
        var redactor = new ExchangeRedactor(new ExchangeCaptureOptions());

        Assert.Equal("{\"a\":1,\"token\":\"***\"", redactor.RedactJson("{\"a\":1,\"token\":\"abcdef"));
        Assert.Equal("""{"secret": "***", "n": 5}""", redactor.RedactJson("""{"secret": 42, "n": 5}"""));
    }

    [Fact]
    public void RedactedNames_AreConfigurable()
    {
        var options = new ExchangeCaptureOptions();
        options.RedactedFields.Add("iban");
        options.RedactedQueryKeys.Add("session");
        var redactor = new ExchangeRedactor(options);

        Assert.Equal("""{"IBAN":"***"}""", redactor.RedactJson("""{"IBAN":"CH93"}"""));
        Assert.Equal("/x?Session=***&sessions=2", redactor.RedactPairs("/x?Session=abc&sessions=2"));
    }

    [Fact]
    public async Task AnOversizedPayload_IsCutWithAMarkerGivingItsOriginalLength()
    {
        await using var harness = Harness.Create();
        var body = new string('x', 100_000);
        harness.Scripts.Set("sales", run => run.Log.Exchange(new ExchangeDetails { Method = "GET", Target = "/big", ResponseBody = body }));

        var execution = await harness.RunNowAsync();

        var stored = Assert.Single(await harness.LinesAsync(execution.Id), l => l.Exchange is not null).Exchange!.ResponseBody!;
        Assert.True(stored.Length <= ExchangeCaptureOptions.DefaultMaxPayloadLength);
        Assert.Matches(@"^\[truncated: first \d+ of 100000 chars\] x+$", stored);
    }

    [Fact]
    public async Task ControlCharacters_AreStoredAsVisibleData_AndCannotForgeALine()
    {
        await using var harness = Harness.Create();
        harness.Scripts.Set("sales", run =>
        {
            run.Log.Info("order 42\r\n2026-03-02 ERROR forged line\u001B[31m");
            run.Log.Exchange(new ExchangeDetails { Method = "GET", Target = "/x", ResponseHeaders = "X-Evil: a\rInjected: b", ResponseBody = "line 1\nline 2\u0000" });
        });

        var execution = await harness.RunNowAsync();

        var lines = await harness.LinesAsync(execution.Id);
        Assert.Contains(lines, l => l.Message == "order 42\\r\\n2026-03-02 ERROR forged line\\u001B[31m");
        var exchange = Assert.Single(lines, l => l.Exchange is not null).Exchange!;
        Assert.Equal("X-Evil: ***", exchange.ResponseHeaders);
        Assert.Equal("line 1\nline 2\\u0000", exchange.ResponseBody);
    }

    [Fact]
    public async Task PastTheLineCap_LinesAreDroppedAndCounted_ButErrorsAreKept()
    {
        await using var harness = Harness.Create(x => x.ConfigureExchanges(o => o.MaxLinesPerExecution = 10));
        harness.Scripts.Set("sales", run =>
        {
            for (var i = 1; i <= 20; i++)
            {
                run.Log.Info($"line {i}");
            }

            run.Log.Error(ErrorCategory.Mapping, "sale 7 has no price");
            run.Log.Info("line 21");
        });

        var execution = await harness.RunNowAsync();

        var lines = await harness.LinesAsync(execution.Id);
        Assert.Equal(ExecutionStatus.KO, execution.Status);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"line {i}"), lines.Take(10).Select(l => l.Message));
        Assert.Contains("cap of 10 lines", lines[10].Message, StringComparison.Ordinal);
        Assert.Equal("sale 7 has no price", lines[11].Message);
        Assert.Equal("11 line(s) were dropped: the execution reached its cap of 10 lines (errors are always kept).", lines[^1].Message);
        Assert.Equal(13, lines.Count);
    }

    [Fact]
    public async Task InvalidLimits_FailWithAMessageNamingTheSetting()
    {
        await using var harness = Harness.Create(x => x.ConfigureExchanges(o => o.MaxPayloadLength = 10));

        var failure = Assert.Throws<OptionsValidationException>(() => harness.Provider.GetRequiredService<IOptions<ExchangeCaptureOptions>>().Value);

        Assert.Contains("MaxPayloadLength", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"(a)\1")]
    [InlineData(@"x*")]
    [InlineData(@"(")]
    public async Task ARedactionPatternThatCannotRunWithoutBacktracking_FailsAtStart_NamingIt(string pattern)
    {
        await using var harness = Harness.Create(x => x.ConfigureExchanges(o => o.RedactedPatterns.Add(pattern)));

        var failure = Assert.Throws<OptionsValidationException>(() => harness.Provider.GetRequiredService<IOptions<ExchangeCaptureOptions>>().Value);

        Assert.Contains("RedactedPatterns", failure.Message, StringComparison.Ordinal);
        Assert.Contains(pattern, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostsPattern_MasksItsSecretGroupInEveryLine()
    {
        await using var harness = Harness.Create(x => x.ConfigureExchanges(o => o.RedactedPatterns.Add(@"ACME-(?<secret>[0-9]{6})")));
        harness.Scripts.Set("sales", run => run.Log.Exchange(new ExchangeDetails { Method = "GET", Target = "/orders/ACME-123456", ResponseBody = "order ACME-654321 ok" }));

        var execution = await harness.RunNowAsync();

        var exchange = Assert.Single(await harness.LinesAsync(execution.Id), l => l.Exchange is not null).Exchange!;
        Assert.Equal("/orders/ACME-***", exchange.Target);
        Assert.Equal("order ACME-*** ok", exchange.ResponseBody);
    }
}
