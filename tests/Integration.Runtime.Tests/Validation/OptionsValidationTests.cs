using System.Globalization;
using Microsoft.Extensions.Options;

namespace Integration.Tests.Validation;

/// <summary>The documented ranges of every options class, at their edges: the last valid value and the first invalid one.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, bool> ExecutionsRows => new()
    {
        { "NodeId=node-1", true }, { "NodeId= ", false }, { "NodeId=", false },
        { "Grace=00:00:00", true }, { "Grace=01:00:00", true }, { "Grace=-00:00:00.0000001", false }, { "Grace=01:00:00.0000001", false },
    };

    public static TheoryData<string, bool> ExchangeRows => new()
    {
        { "MaxPayloadLength=1024", true }, { "MaxPayloadLength=1023", false },
        { "MaxPayloadLength=16777216", true }, { "MaxPayloadLength=16777217", false },
        { "MaxLinesPerExecution=10", true }, { "MaxLinesPerExecution=9", false },
        { "MaxLinesPerDailyExecution=10", true }, { "MaxLinesPerDailyExecution=9", false },
        { "Mask=x", true }, { "Mask= ", true }, { "Mask=", false }, { "Mask=" + "0123456789012345678901234567890123456789012345678901234567890123", true },
        { "Mask=" + "01234567890123456789012345678901234567890123456789012345678901234", false },
        { "AllowedHeaders= ", false }, { "RedactedFields=", false }, { "RedactedQueryKeys= ", false }, { "RedactedQueryKeys=k", true },
    };

    public static TheoryData<int, int, int, bool> LeaseRows => new()
    {
        { 15, 60, 30, true }, { 15, 30, 30, true }, { 15, 29, 30, false }, { 0, 60, 30, false }, { 15, 60, 0, false }, { -1, 60, 30, false },
    };

    public static TheoryData<string, bool> RetentionRows => new()
    {
        { "MaxAge=null", true }, { "MaxAge=01:00:00", true }, { "MaxAge=00:59:59", false },
        { "BatchSize=1", true }, { "BatchSize=0", false }, { "BatchSize=100000", true }, { "BatchSize=100001", false },
        { "PurgeInterval=00:00:00.0000001", true }, { "PurgeInterval=00:00:00", false },
    };

    public static TheoryData<string, bool> SupportRows => new()
    {
        { "SupportContact=null", true }, { "SupportContact=ops@example.com", true }, { "SupportContact= ", false }, { "SupportContact=", false },
        { "RootErrorCount=1", true }, { "RootErrorCount=100", true }, { "RootErrorCount=0", false }, { "RootErrorCount=101", false },
        { "FailedCallCount=1000", true }, { "FailedCallCount=1001", false }, { "FailedCallCount=0", false },
        { "MaxExportedExecutions=100000", true }, { "MaxExportedExecutions=100001", false }, { "MaxExportedExecutions=0", false },
    };

    [Theory]
    [MemberData(nameof(ExecutionsRows))]
    public void ExecutionsOptions_AcceptTheirDocumentedRangeOnly(string setting, bool valid)
    {
        var (key, value) = Split(setting);
        var options = new ExecutionsOptions();
        if (key == "NodeId")
        {
            options.NodeId = value;
        }
        else
        {
            options.ShutdownGracePeriod = TimeSpan.Parse(value, CultureInfo.InvariantCulture);
        }

        AssertResult(new ExecutionsOptionsValidator().Validate(null, options), valid, key == "Grace" ? "ShutdownGracePeriod" : key);
    }

    [Theory]
    [MemberData(nameof(ExchangeRows))]
    public void ExchangeCaptureOptions_AcceptTheirDocumentedRangeOnly(string setting, bool valid)
    {
        var (key, value) = Split(setting);
        var options = new ExchangeCaptureOptions();
        switch (key)
        {
            case "Mask": options.Mask = value; break;
            case "AllowedHeaders": options.AllowedHeaders.Add(value); break;
            case "RedactedFields": options.RedactedFields.Add(value); break;
            case "RedactedQueryKeys": options.RedactedQueryKeys.Add(value); break;
            case "MaxPayloadLength": options.MaxPayloadLength = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "MaxLinesPerExecution": options.MaxLinesPerExecution = int.Parse(value, CultureInfo.InvariantCulture); break;
            default: options.MaxLinesPerDailyExecution = int.Parse(value, CultureInfo.InvariantCulture); break;
        }

        AssertResult(new ExchangeCaptureOptionsValidator().Validate(null, options), valid, key);
    }

    [Fact]
    public void ExchangeCaptureOptions_RefuseANullMask()
    {
        var result = new ExchangeCaptureOptionsValidator().Validate(null, new ExchangeCaptureOptions { Mask = null! });

        AssertResult(result, valid: false, "Mask");
    }

    [Theory]
    [MemberData(nameof(LeaseRows))]
    public void LeaseOptions_AcceptTheirDocumentedRangeOnly(int heartbeat, int timeout, int sweep, bool valid)
    {
        var options = new LeaseOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(heartbeat),
            LeaseTimeout = TimeSpan.FromSeconds(timeout),
            SweepInterval = TimeSpan.FromSeconds(sweep),
        };

        IValidateOptions<LeaseOptions>[] validators = [new LeaseOptionsValidator(), new LeaseTimeoutValidator()];
        var failed = validators.Select(v => v.Validate(null, options)).Any(r => r.Failed);

        Assert.Equal(!valid, failed);
    }

    [Theory]
    [MemberData(nameof(RetentionRows))]
    public void RetentionOptions_AcceptTheirDocumentedRangeOnly(string setting, bool valid)
    {
        var (key, value) = Split(setting);
        var options = new RetentionOptions();
        switch (key)
        {
            case "MaxAge": options.MaxAge = value == "null" ? null : TimeSpan.Parse(value, CultureInfo.InvariantCulture); break;
            case "BatchSize": options.BatchSize = int.Parse(value, CultureInfo.InvariantCulture); break;
            default: options.PurgeInterval = TimeSpan.Parse(value, CultureInfo.InvariantCulture); break;
        }

        AssertResult(new RetentionOptionsValidator().Validate(null, options), valid, key);
    }

    [Theory]
    [MemberData(nameof(SupportRows))]
    public void SupportOptions_AcceptTheirDocumentedRangeOnly(string setting, bool valid)
    {
        var (key, value) = Split(setting);
        var options = new SupportOptions();
        switch (key)
        {
            case "SupportContact": options.SupportContact = value == "null" ? null : value; break;
            case "RootErrorCount": options.RootErrorCount = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "FailedCallCount": options.FailedCallCount = int.Parse(value, CultureInfo.InvariantCulture); break;
            default: options.MaxExportedExecutions = int.Parse(value, CultureInfo.InvariantCulture); break;
        }

        AssertResult(new SupportOptionsValidator().Validate(null, options), valid, key);
    }

    [Fact]
    public void LeaseTimeout_ShorterThanTwoHeartbeats_IsNamedWithItsReason()
    {
        var result = new LeaseTimeoutValidator().Validate(null, new LeaseOptions { HeartbeatInterval = TimeSpan.FromSeconds(15), LeaseTimeout = TimeSpan.FromSeconds(20) });

        Assert.Equal(
            "LeaseOptions.LeaseTimeout must be at least twice the heartbeat interval, 00:00:30 (was 00:00:20): one late heartbeat must not abandon an execution.",
            result.FailureMessage);
    }

    private static (string Key, string Value) Split(string setting)
    {
        var at = setting.IndexOf('=', StringComparison.Ordinal);
        return (setting[..at], setting[(at + 1)..]);
    }

    private static void AssertResult(ValidateOptionsResult result, bool valid, string named)
    {
        Assert.Equal(!valid, result.Failed);
        if (!valid)
        {
            // The failure names the setting (OptionsValidationException.OptionsType names its class).
            Assert.StartsWith($"{named}: The ", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
