using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>A string that is null or holds more than white space (null means "not set", which [Required] would refuse).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotBlankAttribute : ValidationAttribute
{
    public NotBlankAttribute()
        : base("The field {0} must be null or hold more than white space.")
    {
    }

    public override bool IsValid(object? value) => value is not string text || !string.IsNullOrWhiteSpace(text);
}
