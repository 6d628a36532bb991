using Microsoft.Extensions.Options;

namespace Integration;

internal sealed class SupportOptionsValidator : IValidateOptions<SupportOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportOptions options)
    {
        var failures = new List<string>();
        if (options.SupportContact is { } contact && string.IsNullOrWhiteSpace(contact))
        {
            failures.Add("SupportOptions.SupportContact must be null or a contact, not white space.");
        }

        if (options.RootErrorCount is < 1 or > 100)
        {
            failures.Add($"SupportOptions.RootErrorCount must be between 1 and 100 (was {options.RootErrorCount}).");
        }

        if (options.FailedCallCount is < 1 or > 1000)
        {
            failures.Add($"SupportOptions.FailedCallCount must be between 1 and 1000 (was {options.FailedCallCount}).");
        }

        if (options.MaxExportedExecutions is < 1 or > 100_000)
        {
            failures.Add($"SupportOptions.MaxExportedExecutions must be between 1 and 100000 (was {options.MaxExportedExecutions}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
