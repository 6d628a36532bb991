using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks the attributes on <see cref="SupportOptions"/> (generated).</summary>
[OptionsValidator]
internal sealed partial class SupportOptionsValidator : IValidateOptions<SupportOptions>
{
}
