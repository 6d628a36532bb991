using Microsoft.Extensions.Options;

namespace Integration;

internal sealed class LeaseOptionsValidator : IValidateOptions<LeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, LeaseOptions options)
    {
        var failures = new List<string>();
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"LeaseOptions.HeartbeatInterval must be positive (was {options.HeartbeatInterval}).");
        }

        if (options.LeaseTimeout < 2 * options.HeartbeatInterval)
        {
            failures.Add($"LeaseOptions.LeaseTimeout must be at least twice the heartbeat interval, {2 * options.HeartbeatInterval} (was {options.LeaseTimeout}): one late heartbeat must not abandon an execution.");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"LeaseOptions.SweepInterval must be positive (was {options.SweepInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
