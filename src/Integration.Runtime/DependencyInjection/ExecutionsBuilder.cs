using Microsoft.Extensions.DependencyInjection;

namespace Integration;

internal sealed class ExecutionsBuilder(IServiceCollection services, InterfaceCatalog catalog) : IExecutionsBuilder
{
    public IServiceCollection Services { get; } = services;

    public InterfaceCatalog Catalog { get; } = catalog;
}
