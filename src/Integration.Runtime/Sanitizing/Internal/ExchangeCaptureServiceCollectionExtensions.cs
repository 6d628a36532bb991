using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Registers what every log line passes through before the store: redaction and limits.</summary>
internal static class ExchangeCaptureServiceCollectionExtensions
{
    public static IServiceCollection AddExchangeCapture(this IServiceCollection services)
    {
        services.AddOptions<ExchangeCaptureOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExchangeCaptureOptions>, ExchangeCaptureOptionsValidator>());
        services.TryAddSingleton<LogLineSanitizer>();
        return services;
    }
}
