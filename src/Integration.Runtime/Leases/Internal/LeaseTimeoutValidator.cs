using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>The one rule between two <see cref="LeaseOptions"/>: a lease outlives two heartbeats.</summary>
internal sealed class LeaseTimeoutValidator : IValidateOptions<LeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, LeaseOptions options)
    {
        var shortest = 2 * options.HeartbeatInterval;
        return options.LeaseTimeout < shortest
            ? ValidateOptionsResult.Fail($"LeaseOptions.LeaseTimeout must be at least twice the heartbeat interval, {shortest} (was {options.LeaseTimeout}): one late heartbeat must not abandon an execution.")
            : ValidateOptionsResult.Success;
    }
}
