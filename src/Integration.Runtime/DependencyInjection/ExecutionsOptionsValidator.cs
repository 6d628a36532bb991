using Microsoft.Extensions.Options;

namespace Integration;

internal sealed class ExecutionsOptionsValidator : IValidateOptions<ExecutionsOptions>
{
    public ValidateOptionsResult Validate(string? name, ExecutionsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.NodeId))
        {
            failures.Add("ExecutionsOptions.NodeId must not be empty.");
        }

        if (options.ShutdownGracePeriod < TimeSpan.Zero || options.ShutdownGracePeriod > TimeSpan.FromHours(1))
        {
            failures.Add($"ExecutionsOptions.ShutdownGracePeriod must be between 0 and 1 hour (was {options.ShutdownGracePeriod}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
