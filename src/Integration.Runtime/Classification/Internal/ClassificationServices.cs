using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integration;

/// <summary>Registers the classifier chain, also as <see cref="IErrorClassification"/> for components that write their own error lines.</summary>
internal static class ClassificationServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<ErrorClassifierChain>();
        services.TryAddSingleton<IErrorClassification>(sp => sp.GetRequiredService<ErrorClassifierChain>());
    }
}
