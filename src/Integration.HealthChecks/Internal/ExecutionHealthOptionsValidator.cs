using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks the attributes on <see cref="ExecutionHealthOptions"/> (generated).</summary>
[OptionsValidator]
internal sealed partial class ExecutionHealthOptionsValidator : IValidateOptions<ExecutionHealthOptions>
{
}
