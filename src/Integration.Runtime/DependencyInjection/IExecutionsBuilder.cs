using Microsoft.Extensions.DependencyInjection;

namespace Integration;

/// <summary>
/// What <see cref="ExecutionsServiceCollectionExtensions.AddExecutions"/> hands to its configure callback.
/// Interfaces, classifiers and stores are added through extension methods, each in the package that owns it.
/// </summary>
public interface IExecutionsBuilder
{
    /// <summary>Gets the host's services.</summary>
    IServiceCollection Services { get; }
}
