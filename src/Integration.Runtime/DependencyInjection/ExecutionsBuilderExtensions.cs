using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integration;

/// <summary>Registers interfaces, classifiers and options on an <see cref="IExecutionsBuilder"/>.</summary>
public static class ExecutionsBuilderExtensions
{
    /// <summary>Registers a scheduled interface run by <typeparamref name="TConnector"/>.</summary>
    /// <typeparam name="TConnector">The connector, resolved in each execution's own scope.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="interfaceId">The interface's id, unique in the host, e.g. <c>fnac-sales</c>.</param>
    /// <param name="configure">Sets the type, provider, cron and guards; <see cref="ScheduledInterfaceBuilder.Cron"/> is required.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The registration is invalid; the message names the interface and the problem.</exception>
    public static IExecutionsBuilder AddScheduledInterface<TConnector>(this IExecutionsBuilder builder, string interfaceId, Action<ScheduledInterfaceBuilder> configure)
        where TConnector : class, IExternalInterface
        => builder.AddScheduledInterface(interfaceId, typeof(TConnector), configure);

    /// <summary>Registers a scheduled interface run by a connector type.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="interfaceId">The interface's id, unique in the host.</param>
    /// <param name="connectorType">The connector type; it must implement <see cref="IExternalInterface"/>.</param>
    /// <param name="configure">Sets the type, provider, cron and guards; <see cref="ScheduledInterfaceBuilder.Cron"/> is required.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The registration is invalid; the message names the interface and the problem.</exception>
    public static IExecutionsBuilder AddScheduledInterface(this IExecutionsBuilder builder, string interfaceId, Type connectorType, Action<ScheduledInterfaceBuilder> configure)
    {
        var catalog = CatalogOf(builder);
        InterfaceIds.Validate(interfaceId);
        ArgumentNullException.ThrowIfNull(configure);
        if (connectorType is null)
        {
            throw new ArgumentException($"Interface '{interfaceId}': a scheduled interface needs a connector (a class implementing IExternalInterface).", nameof(connectorType));
        }

        if (!typeof(IExternalInterface).IsAssignableFrom(connectorType) || connectorType.IsAbstract || connectorType.IsInterface)
        {
            throw new ArgumentException($"Interface '{interfaceId}': connector type '{connectorType.FullName}' must be a concrete class implementing IExternalInterface.", nameof(connectorType));
        }

        var interfaceBuilder = new ScheduledInterfaceBuilder(interfaceId);
        configure(interfaceBuilder);
        catalog.Add(interfaceBuilder.Build(connectorType));
        builder.Services.TryAddTransient(connectorType);
        return builder;
    }

    /// <summary>Registers a real-time interface, whose calls are grouped into one daily execution per local day.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="interfaceId">The interface's id, unique in the host, e.g. <c>public-api</c>.</param>
    /// <param name="configure">Sets the type, provider, direction and time zone.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The registration is invalid; the message names the interface and the problem.</exception>
    public static IExecutionsBuilder AddRealTimeInterface(this IExecutionsBuilder builder, string interfaceId, Action<RealTimeInterfaceBuilder>? configure = null)
    {
        var catalog = CatalogOf(builder);
        InterfaceIds.Validate(interfaceId);
        var interfaceBuilder = new RealTimeInterfaceBuilder(interfaceId);
        configure?.Invoke(interfaceBuilder);
        catalog.Add(interfaceBuilder.Build());
        return builder;
    }

    /// <summary>
    /// Adds a classifier asked before the built-in rules. Classifiers are asked in the order they were added;
    /// the first that answers wins.
    /// </summary>
    /// <typeparam name="TClassifier">The classifier, a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddErrorClassifier<TClassifier>(this IExecutionsBuilder builder)
        where TClassifier : class, IErrorClassifier
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorClassifier, TClassifier>());
        return builder;
    }

    /// <summary>Adds a classifier instance asked before the built-in rules, in the order classifiers were added.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="classifier">The classifier.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddErrorClassifier(this IExecutionsBuilder builder, IErrorClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(classifier);
        builder.Services.AddSingleton(classifier);
        return builder;
    }

    /// <summary>Sets host-wide options of the runtime (validated when the host starts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder Configure(this IExecutionsBuilder builder, Action<ExecutionsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    private static InterfaceCatalog CatalogOf(IExecutionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return InterfaceCatalog.GetOrAdd(builder.Services);
    }
}
