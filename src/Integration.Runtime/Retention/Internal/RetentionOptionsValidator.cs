using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks the attributes on <see cref="RetentionOptions"/> (generated).</summary>
[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
}
