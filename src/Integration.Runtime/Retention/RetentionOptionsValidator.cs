using Microsoft.Extensions.Options;

namespace Integration;

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public const int MaxBatchSize = 100_000;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAge is { } age && age < TimeSpan.FromHours(1))
        {
            failures.Add($"RetentionOptions.MaxAge must be at least 1 hour, or null to keep every execution (was {age}).");
        }

        if (options.BatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add($"RetentionOptions.BatchSize must be between 1 and {MaxBatchSize} (was {options.BatchSize}).");
        }

        if (options.PurgeInterval <= TimeSpan.Zero)
        {
            failures.Add($"RetentionOptions.PurgeInterval must be positive (was {options.PurgeInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
