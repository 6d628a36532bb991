using Microsoft.Extensions.Options;

namespace Integration;

internal sealed class ExchangeCaptureOptionsValidator : IValidateOptions<ExchangeCaptureOptions>
{
    public const int MinPayloadLength = 1024;
    public const int MaxPayloadLength = 16 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ExchangeCaptureOptions options)
    {
        var failures = new List<string>();
        if (options.MaxPayloadLength is < MinPayloadLength or > MaxPayloadLength)
        {
            failures.Add($"ExchangeCaptureOptions.MaxPayloadLength must be between {MinPayloadLength} and {MaxPayloadLength} characters (was {options.MaxPayloadLength}).");
        }

        if (options.MaxLinesPerExecution < 10)
        {
            failures.Add($"ExchangeCaptureOptions.MaxLinesPerExecution must be at least 10 (was {options.MaxLinesPerExecution}).");
        }

        if (options.MaxLinesPerDailyExecution < 10)
        {
            failures.Add($"ExchangeCaptureOptions.MaxLinesPerDailyExecution must be at least 10 (was {options.MaxLinesPerDailyExecution}).");
        }

        if (string.IsNullOrEmpty(options.Mask) || options.Mask.Length > 64)
        {
            failures.Add("ExchangeCaptureOptions.Mask must be between 1 and 64 characters.");
        }

        AddBlankNames(failures, nameof(options.AllowedHeaders), options.AllowedHeaders);
        AddBlankNames(failures, nameof(options.RedactedFields), options.RedactedFields);
        AddBlankNames(failures, nameof(options.RedactedQueryKeys), options.RedactedQueryKeys);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddBlankNames(List<string> failures, string property, ISet<string> names)
    {
        if (names.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"ExchangeCaptureOptions.{property} must not hold an empty name.");
        }
    }
}
