using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integration;

/// <summary>Adds the store check and one check per registered interface, once the interface catalog is built.</summary>
internal sealed class ExecutionHealthRegistrations(IInterfaceCatalog catalog) : Microsoft.Extensions.Options.IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions options)
    {
        options.Registrations.Add(new HealthCheckRegistration(
            ExecutionHealthChecksBuilderExtensions.StoreCheckName,
            services => ActivatorUtilities.CreateInstance<StoreHealthCheck>(services),
            failureStatus: null,
            tags: [ExecutionHealthChecksBuilderExtensions.Tag, ExecutionHealthChecksBuilderExtensions.StoreTag]));

        foreach (var definition in catalog.Interfaces)
        {
            var id = definition.Id;
            options.Registrations.Add(new HealthCheckRegistration(
                ExecutionHealthChecksBuilderExtensions.InterfaceCheckName(id),
                services => ActivatorUtilities.CreateInstance<InterfaceHealthCheck>(services, id),
                failureStatus: null,
                tags: [ExecutionHealthChecksBuilderExtensions.Tag, ExecutionHealthChecksBuilderExtensions.InterfaceTag(id)]));
        }
    }
}
