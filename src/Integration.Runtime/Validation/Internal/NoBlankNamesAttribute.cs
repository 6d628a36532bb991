using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>A set of names (headers, fields, keys) in which no name is empty or white space.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NoBlankNamesAttribute : ValidationAttribute
{
    public NoBlankNamesAttribute()
        : base("The field {0} must not hold an empty name.")
    {
    }

    public override bool IsValid(object? value) => value is not IEnumerable<string> names || !names.Any(string.IsNullOrWhiteSpace);
}
