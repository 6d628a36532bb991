using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Runs the requests of ASP.NET Core endpoints as inbound real-time calls of an interface.</summary>
public static class DailyExecutionEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Runs every request of these endpoints (a group, or one endpoint) as an inbound real-time call of
    /// <paramref name="interfaceId"/>: it is logged in the interface's daily execution with its request line,
    /// allow-listed headers, capped body, response status, duration and correlation id (the request's trace id).
    /// Model binding and validation failures (400, 415, 422) write a Mapping error line, and other 5xx a Technical one;
    /// an unhandled exception makes the exchange line an error with status 500 and the category the classifier chain
    /// gives the exception (Technical by default), and still propagates to ASP.NET Core. The response the client sees
    /// is unchanged.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder, e.g. a <see cref="Microsoft.AspNetCore.Routing.RouteGroupBuilder"/>.</typeparam>
    /// <param name="builder">The endpoints, e.g. <c>app.MapGroup("/api/sales")</c>.</param>
    /// <param name="interfaceId">A real-time interface registered with <c>AddRealTimeInterface</c>.</param>
    /// <param name="configure">Changes the settings of these endpoints, or null for the defaults.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException">When the endpoints are built: the interface is not registered, or is not real-time.</exception>
    public static TBuilder WithDailyExecution<TBuilder>(this TBuilder builder, string interfaceId, Action<InboundExchangeOptions>? configure = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceId);
        var options = new InboundExchangeOptions();
        configure?.Invoke(options);

        // A finally convention sees the endpoint's finished request delegate, model binding included, and wraps it.
        builder.Finally(endpoint =>
        {
            if (endpoint.RequestDelegate is not { } inner)
            {
                return;
            }

            var services = endpoint.ApplicationServices;
            Validate(services, interfaceId, endpoint.DisplayName);
            var recorder = new InboundCallRecorder(interfaceId, inner, options, InboundRecording.From(services));
            endpoint.RequestDelegate = recorder.InvokeAsync;
        });
        return builder;
    }

    private static void Validate(IServiceProvider services, string interfaceId, string? endpoint)
    {
        var catalog = services.GetService<IInterfaceCatalog>()
            ?? throw new InvalidOperationException($"Endpoint '{endpoint}': WithDailyExecution(\"{interfaceId}\") needs the execution runtime; call services.AddExecutions(...).");
        if (!catalog.TryGet(interfaceId, out var definition))
        {
            throw new InvalidOperationException($"Endpoint '{endpoint}': interface '{interfaceId}' is not registered; add it with AddRealTimeInterface(\"{interfaceId}\").");
        }

        if (definition.Mode != InterfaceMode.RealTime)
        {
            throw new InvalidOperationException($"Endpoint '{endpoint}': interface '{interfaceId}' is scheduled; inbound calls need a real-time interface.");
        }
    }
}
