using Integration.Dashboard.Components;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Dashboard.Internal;

/// <summary>Renders the console's pages (static server-side rendering) with what every page needs.</summary>
internal static class Pages
{
    public static async Task<IResult> RenderAsync<TPage>(HttpContext context, string root, string title, object model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        var state = Prepare(context, root, title, model);
        state.CanOperate = await context.RequestServices.GetRequiredService<DashboardGate>().CanOperateAsync(context);
        return new RazorComponentResult<TPage> { StatusCode = statusCode, PreventStreamingRendering = true, ContentType = "text/html; charset=utf-8" };
    }

    public static IResult Message(HttpContext context, int statusCode, string title, string message)
    {
        Prepare(context, RootOf(context), title, message);
        return new RazorComponentResult<MessageScreen> { StatusCode = statusCode, PreventStreamingRendering = true, ContentType = "text/html; charset=utf-8" };
    }

    /// <summary>The relative root of the console seen from the request's path, from the route's depth below the console.</summary>
    public static string RootOf(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<RouteDepth>() is { } depth ? depth.Root : "./";

    private static PageState Prepare(HttpContext context, string root, string title, object model)
    {
        var state = context.RequestServices.GetRequiredService<PageState>();
        state.Root = root;
        state.Title = title;
        state.Model = model;
        state.Notice = Notices.Text(context.Request.Query["done"]);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        state.AntiforgeryField = tokens.FormFieldName;
        state.AntiforgeryToken = tokens.RequestToken ?? string.Empty;
        return state;
    }
}

/// <summary>Endpoint metadata: how many folders below the console's root the route's path ends in.</summary>
internal sealed record RouteDepth(int Depth)
{
    public string Root => Depth == 0 ? "./" : string.Concat(Enumerable.Repeat("../", Depth));
}

/// <summary>What an action did, carried by the redirect after it as a code (never as text from the request).</summary>
internal static class Notices
{
    public static string? Text(string? code) => code switch
    {
        "run" => "Run now: the execution has started.",
        "rerun" => "Re-run: a new execution on the same window has started.",
        "cancelled" => "Cancel: the execution was cancelled.",
        "cancel-requested" => "Cancel: the node that runs the execution stops it within one heartbeat.",
        "ended" => "Cancel: the execution had already ended.",
        "paused" => "The schedule is paused on every node.",
        "resumed" => "The schedule is resumed on every node.",
        _ => null,
    };
}
