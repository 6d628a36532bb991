using Microsoft.Extensions.DependencyInjection;

namespace Integration;

/// <summary>Configures how exchanges and log lines are captured: redaction and limits.</summary>
public static class ExchangesBuilderExtensions
{
    /// <summary>
    /// Changes the redaction and limit settings applied to every log line before it is stored (validated when the
    /// host starts).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options, e.g. adds a header to <see cref="ExchangeCaptureOptions.AllowedHeaders"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IExecutionsBuilder ConfigureExchanges(this IExecutionsBuilder builder, Action<ExchangeCaptureOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
