using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integration;

/// <summary>Registers notifiers and sets how notifications are noticed and delivered.</summary>
public static class NotificationsBuilderExtensions
{
    /// <summary>
    /// Adds a notifier: from then on, every node notices transitions (an interface turning KO, recovering, overdue, over
    /// its maximum duration, a stale daily execution, automatic re-runs exhausted), stores each once in the store's
    /// outbox, and one node delivers it to every notifier. Registered as a singleton; adding the same type twice adds it once.
    /// </summary>
    /// <typeparam name="TNotifier">The notifier.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddNotifier<TNotifier>(this IExecutionsBuilder builder)
        where TNotifier : class, IExecutionNotifier
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutionNotifier, TNotifier>());
        NotificationServices.Add(builder.Services);
        return builder;
    }

    /// <summary>Adds a notifier instance (see <see cref="AddNotifier{TNotifier}"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="notifier">The notifier.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder AddNotifier(this IExecutionsBuilder builder, IExecutionNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(notifier);
        builder.Services.AddSingleton(notifier);
        NotificationServices.Add(builder.Services);
        return builder;
    }

    /// <summary>Sets how notifications are noticed and delivered (validated when the host starts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder ConfigureNotifications(this IExecutionsBuilder builder, Action<NotificationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
