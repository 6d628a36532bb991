using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Registers the purger and its validated options (the sweeper runs it).</summary>
internal static class RetentionServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton<RetentionPurger>();
    }
}
