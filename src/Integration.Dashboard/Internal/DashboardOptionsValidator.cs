using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Integration.Dashboard.Internal;

/// <summary>Checks <see cref="DashboardOptions"/>: its ranges and that its access settings say one thing.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"DashboardOptions: {r.ErrorMessage}"));
        }

        if (options.ViewerPolicy is { } viewer && string.IsNullOrWhiteSpace(viewer))
        {
            failures.Add("DashboardOptions.ViewerPolicy is blank: name a policy, or leave it null.");
        }

        if (options.OperatorPolicy is { } operatorPolicy && string.IsNullOrWhiteSpace(operatorPolicy))
        {
            failures.Add("DashboardOptions.OperatorPolicy is blank: name a policy, or leave it null.");
        }

        if (options.AllowAnonymous && (options.ViewerPolicy is not null || options.OperatorPolicy is not null))
        {
            failures.Add("DashboardOptions.AllowAnonymous cannot be combined with a ViewerPolicy or an OperatorPolicy: choose one.");
        }

        if (options.OperatorPolicy is not null && options.ViewerPolicy is null && !options.AllowAnonymous)
        {
            failures.Add("DashboardOptions.OperatorPolicy is named without a ViewerPolicy: name the policy of those who may see the console too (it may be the same one).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
