using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>A set of regular expressions that each compile without backtracking and match no empty text.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RedactionPatternsAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not IEnumerable<string> patterns)
        {
            return ValidationResult.Success;
        }

        foreach (var pattern in patterns)
        {
            if (RedactionPatterns.Problem(pattern) is { } problem)
            {
                return new ValidationResult($"The field {validationContext.DisplayName} is invalid: {problem}.", [validationContext.MemberName ?? validationContext.DisplayName]);
            }
        }

        return ValidationResult.Success;
    }
}
