using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks the attributes on <see cref="ExchangeCaptureOptions"/> (generated).</summary>
[OptionsValidator]
internal sealed partial class ExchangeCaptureOptionsValidator : IValidateOptions<ExchangeCaptureOptions>
{
}
