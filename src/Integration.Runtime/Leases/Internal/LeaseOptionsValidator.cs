using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks the attributes on <see cref="LeaseOptions"/> (generated).</summary>
[OptionsValidator]
internal sealed partial class LeaseOptionsValidator : IValidateOptions<LeaseOptions>
{
}
