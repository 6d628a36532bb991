using Microsoft.Extensions.DependencyInjection;

namespace Integration;

/// <summary>Configures diagnosis and export on an <see cref="IExecutionsBuilder"/>.</summary>
public static class SupportExecutionsBuilderExtensions
{
    /// <summary>Sets the host's support contact and the limits of diagnosis and export (validated when the host starts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder ConfigureSupport(this IExecutionsBuilder builder, Action<SupportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
