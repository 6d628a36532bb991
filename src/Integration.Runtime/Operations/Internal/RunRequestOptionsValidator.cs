using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks the attributes on <see cref="RunRequestOptions"/> (generated).</summary>
[OptionsValidator]
internal sealed partial class RunRequestOptionsValidator : IValidateOptions<RunRequestOptions>
{
}
