using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks <see cref="NotificationOptions"/>: the ranges the options document, and the console link's form.</summary>
internal sealed partial class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var generated = ValidateRanges(name, options);
        var failures = generated.Failed ? [.. generated.Failures ?? []] : new List<string>();
        if (options.ConsoleLink is { } link)
        {
            var sample = ConsoleLinks.For(link, "interface", ExecutionId.New(DateTimeOffset.UnixEpoch));
            if (sample is null || sample.Scheme is not ("http" or "https"))
            {
                failures.Add($"NotificationOptions.ConsoleLink '{link}' is not an absolute http(s) URI once {ConsoleLinks.ExecutionPlaceholder} and {ConsoleLinks.InterfacePlaceholder} are replaced.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static ValidateOptionsResult ValidateRanges(string? name, NotificationOptions options) => new RangeValidator().Validate(name, options);

    [OptionsValidator]
    internal sealed partial class RangeValidator : IValidateOptions<NotificationOptions>
    {
    }
}
