using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Integration.Dashboard.Internal;

/// <summary>
/// Decides, inside the library, whether a request may see the console or act: fail closed (loopback only until a
/// policy is named), policies evaluated here, so nothing depends on the host's middleware order.
/// </summary>
internal sealed class DashboardGate(IOptions<DashboardOptions> options, IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator, IAuthenticationSchemeProvider? schemes = null)
{
    private readonly DashboardOptions _options = options.Value;

    /// <summary>Gets a value indicating whether operators can act at all (false: read-only console).</summary>
    public bool ActionsEnabled => _options.AllowAnonymous || _options.OperatorPolicy is not null || _options.ViewerPolicy is null;

    public async ValueTask<GateDecision> CheckAsync(HttpContext context, bool operate)
    {
        if (_options.AllowAnonymous)
        {
            return GateDecision.Allowed;
        }

        if (_options.ViewerPolicy is null)
        {
            return IsLoopback(context.Connection.RemoteIpAddress)
                ? GateDecision.Allowed
                : GateDecision.Deny(StatusCodes.Status403Forbidden, "This console answers only local requests until the host names an authorization policy (DashboardOptions.ViewerPolicy).");
        }

        var viewer = await EvaluateAsync(context, _options.ViewerPolicy);
        if (!viewer.IsAllowed || !operate)
        {
            return viewer;
        }

        return _options.OperatorPolicy is null
            ? GateDecision.Deny(StatusCodes.Status403Forbidden, "This console is read-only: the host named no operator policy (DashboardOptions.OperatorPolicy).")
            : await EvaluateAsync(context, _options.OperatorPolicy);
    }

    /// <summary>Whether the current user may act, to show or hide the action buttons.</summary>
    public async ValueTask<bool> CanOperateAsync(HttpContext context) => ActionsEnabled && (await CheckAsync(context, operate: true)).IsAllowed;

    private async ValueTask<GateDecision> EvaluateAsync(HttpContext context, string policyName)
    {
        var policy = await policies.GetPolicyAsync(policyName)
            ?? throw new InvalidOperationException($"The console's authorization policy '{policyName}' is not registered: add it with AddAuthorization(o => o.AddPolicy(\"{policyName}\", …)).");
        var authentication = await evaluator.AuthenticateAsync(policy, context);
        var result = await evaluator.AuthorizeAsync(policy, authentication, context, resource: null);
        if (result.Succeeded)
        {
            return GateDecision.Allowed;
        }

        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var scheme = schemes is null ? null : await schemes.GetDefaultChallengeSchemeAsync();
        if (!signedIn && (scheme is not null || policy.AuthenticationSchemes.Count > 0))
        {
            return GateDecision.Challenge(policy.AuthenticationSchemes);
        }

        return signedIn
            ? GateDecision.Deny(StatusCodes.Status403Forbidden, $"You do not satisfy the console's policy '{policyName}'.")
            : GateDecision.Deny(StatusCodes.Status401Unauthorized, $"Sign in: the console's policy '{policyName}' refuses anonymous requests.");
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}

/// <summary>What <see cref="DashboardGate"/> decided.</summary>
internal sealed record GateDecision(bool IsAllowed, int StatusCode, string? Message, IReadOnlyList<string>? ChallengeSchemes)
{
    public static GateDecision Allowed { get; } = new(true, StatusCodes.Status200OK, null, null);

    public static GateDecision Deny(int statusCode, string message) => new(false, statusCode, message, null);

    public static GateDecision Challenge(IReadOnlyList<string> schemes) => new(false, StatusCodes.Status401Unauthorized, null, schemes);
}
