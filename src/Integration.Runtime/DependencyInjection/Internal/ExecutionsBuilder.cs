using Microsoft.Extensions.DependencyInjection;

namespace Integration;

/// <summary>The builder <c>AddExecutions</c> hands out; the interface catalog is reached through its services.</summary>
internal sealed class ExecutionsBuilder(IServiceCollection services) : IExecutionsBuilder
{
    public IServiceCollection Services { get; } = services;
}
