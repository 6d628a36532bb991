using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks the attributes on <see cref="ExecutionsOptions"/> (generated).</summary>
[OptionsValidator]
internal sealed partial class ExecutionsOptionsValidator : IValidateOptions<ExecutionsOptions>
{
}
