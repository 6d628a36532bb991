using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Dashboard.Internal;

/// <summary>
/// Runs before every endpoint of the console: the security headers, the authorization (view, or act for an
/// <see cref="OperatorAction"/>), and the antiforgery token of every POST, validated here whether or not the host
/// called <c>UseAntiforgery()</c>.
/// </summary>
internal static class DashboardFilter
{
    /// <summary>No script at all, styles only from the console's own stylesheet, forms only to itself, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";

        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Integration.Dashboard");
        var operate = context.GetEndpoint()?.Metadata.GetMetadata<OperatorAction>() is not null;
        var decision = await services.GetRequiredService<DashboardGate>().CheckAsync(context, operate);
        if (!decision.IsAllowed)
        {
            Log.Refused(logger, context.Request.Method, context.Request.Path, decision.Message ?? "challenge");
            if (decision.ChallengeSchemes is { } schemes)
            {
                return new ChallengeResult(schemes);
            }

            return Pages.Message(context, decision.StatusCode, "Not allowed", decision.Message ?? "Not allowed.");
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            try
            {
                await services.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                Log.Refused(logger, context.Request.Method, context.Request.Path, "no valid antiforgery token");
                return Pages.Message(context, StatusCodes.Status400BadRequest, "Refused", "The form's antiforgery token is missing or invalid: reload the page and try again.");
            }
        }

        return await next(invocation);
    }

    /// <summary>A challenge through the policy's schemes (or the default one).</summary>
    private sealed class ChallengeResult(IReadOnlyList<string> schemes) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            if (schemes.Count == 0)
            {
                await httpContext.ChallengeAsync();
                return;
            }

            foreach (var scheme in schemes)
            {
                await httpContext.ChallengeAsync(scheme);
            }
        }
    }
}
