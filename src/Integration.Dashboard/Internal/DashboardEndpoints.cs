using System.Globalization;
using System.Reflection;
using Integration.Dashboard.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Dashboard.Internal;

/// <summary>The console's endpoints: three pages, its stylesheet, the exports and the actions (POST, then redirect).</summary>
internal static class DashboardEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(DashboardFilter.InvokeAsync);
        group.MapGet("/", InterfacesAsync).WithMetadata(new RouteDepth(0));
        group.MapGet("/dashboard.css", Stylesheet).WithMetadata(new RouteDepth(0));
        group.MapGet("/executions", ExecutionsAsync).WithMetadata(new RouteDepth(0));
        group.MapGet("/executions/{id}", ExecutionAsync).WithMetadata(new RouteDepth(1));
        group.MapPost("/executions/{id}/export", ExportAsync).WithMetadata(new RouteDepth(2));
        group.MapPost("/executions/{id}/rerun", RerunAsync).WithMetadata(new RouteDepth(2), OperatorAction.Instance);
        group.MapPost("/executions/{id}/cancel", CancelAsync).WithMetadata(new RouteDepth(2), OperatorAction.Instance);
        group.MapPost("/interfaces/{id}/run", RunNowAsync).WithMetadata(new RouteDepth(2), OperatorAction.Instance);
        group.MapPost("/interfaces/{id}/pause", PauseAsync).WithMetadata(new RouteDepth(2), OperatorAction.Instance);
        group.MapPost("/interfaces/{id}/resume", ResumeAsync).WithMetadata(new RouteDepth(2), OperatorAction.Instance);
    }

    private static async Task<IResult> InterfacesAsync(HttpContext context, DashboardData data, CancellationToken cancellationToken)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.EndsWith('/'))
        {
            // "/ops/integrations" → "integrations/", relative to "/ops/": the console's links are relative to its root folder.
            var last = path[(path.LastIndexOf('/') + 1)..];
            return Results.Redirect(last + "/" + context.Request.QueryString);
        }

        var rows = await data.GetInterfacesAsync(cancellationToken);
        return await Pages.RenderAsync<InterfacesScreen>(context, "./", "Interfaces", rows);
    }

    private static IResult Stylesheet()
    {
        var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("Integration.Dashboard.dashboard.css")
            ?? throw new InvalidOperationException("The console's stylesheet is missing from its assembly.");
        return Results.Stream(stream, "text/css; charset=utf-8");
    }

    private static async Task<IResult> ExecutionsAsync(HttpContext context, DashboardData data, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var search = query["q"].ToString().Trim();
        if (ExecutionId.TryParse(search, out var direct))
        {
            return Results.Redirect("executions/" + direct);
        }

        if (search.Length > 0)
        {
            return await SearchAsync(context, search, data, cancellationToken);
        }

        ExecutionFilter filter;
        try
        {
            filter = new ExecutionFilter
            {
                InterfaceId = Text(query["interface"]),
                Status = Enum<ExecutionStatus>(query["status"], "status"),
                Category = Enum<ErrorCategory>(query["category"], "category"),
                Trigger = Enum<ExecutionTrigger>(query["trigger"], "trigger"),
                From = Date(query["from"], "from"),
                To = Date(query["to"], "to"),
                Before = Text(query["before"]) is { } before ? ExecutionId.TryParse(before, out var id) ? id : throw new FormatException($"'{before}' is not an execution id.") : null,
            };
        }
        catch (FormatException e)
        {
            return Pages.Message(context, StatusCodes.Status400BadRequest, "Bad filter", e.Message);
        }

        var view = await data.ListExecutionsAsync(filter, cancellationToken);
        return await Pages.RenderAsync<ExecutionsScreen>(context, "./", "Executions", view);
    }

    /// <summary>The search box: lines by correlation id or business id (<see cref="IExecutionOperations.SearchLinesAsync"/>).</summary>
    private static async Task<IResult> SearchAsync(HttpContext context, string text, DashboardData data, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        try
        {
            var filter = new LineFilter(
                text,
                Text(query["interface"]),
                Date(query["from"], "from"),
                Date(query["to"], "to"),
                Text(query["after"]) is { } after ? LineCursor.Parse(after) : null);
            var view = await data.SearchLinesAsync(filter, cancellationToken);
            return await Pages.RenderAsync<LinesScreen>(context, "./", "Search", view);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return Pages.Message(context, StatusCodes.Status400BadRequest, "Bad search", e.Message);
        }
    }

    private static async Task<IResult> ExecutionAsync(HttpContext context, string id, DashboardData data, CancellationToken cancellationToken)
    {
        if (!ExecutionId.TryParse(id, out var executionId))
        {
            return Pages.Message(context, StatusCodes.Status404NotFound, "Not found", $"'{id}' is not an execution id.");
        }

        ExecutionLogLevel level;
        long after;
        try
        {
            level = Enum<ExecutionLogLevel>(context.Request.Query["level"], "level") ?? ExecutionLogLevel.Debug;
            after = Text(context.Request.Query["after"]) is { } text
                ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"'{text}' is not a line number.")
                : 0;
        }
        catch (FormatException e)
        {
            return Pages.Message(context, StatusCodes.Status400BadRequest, "Bad filter", e.Message);
        }

        try
        {
            var view = await data.GetExecutionAsync(executionId, new LogFilter(level, after), cancellationToken);
            return await Pages.RenderAsync<ExecutionScreen>(context, "../", $"{view.Execution.InterfaceId} {view.Execution.Status}", view);
        }
        catch (ExecutionNotFoundException e)
        {
            return Pages.Message(context, StatusCodes.Status404NotFound, "Not found", e.Message);
        }
    }

    private static async Task<IResult> ExportAsync(HttpContext context, string id, IExecutionSupport support, IEnumerable<IExecutionExporter> exporters, CancellationToken cancellationToken)
    {
        var format = context.Request.Form["format"].ToString();
        var exporter = exporters.LastOrDefault(e => string.Equals(e.Format, format, StringComparison.OrdinalIgnoreCase));
        if (!ExecutionId.TryParse(id, out var executionId) || exporter is null)
        {
            return Pages.Message(context, StatusCodes.Status400BadRequest, "Bad export", $"Cannot export '{id}' as '{format}'.");
        }

        // Exporters may write synchronously (OpenXmlWriter does): export to a temporary file, then stream it.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await support.ExportAsync(executionId, exporter.Format, file, Actor(context), cancellationToken);
            file.Position = 0;
        }
        catch (ExecutionNotFoundException e)
        {
            await file.DisposeAsync();
            return Pages.Message(context, StatusCodes.Status404NotFound, "Not found", e.Message);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        Done(context, "export " + exporter.Format, id);
        return Results.File(file, exporter.ContentType, $"execution-{executionId}.{exporter.Format.ToLowerInvariant()}");
    }

    private static Task<IResult> RerunAsync(HttpContext context, string id, IExecutionOperations operations, CancellationToken cancellationToken) =>
        ActAsync(context, async () =>
        {
            var run = await operations.RerunAsync(ExecutionId.Parse(id), Actor(context), cancellationToken);
            Done(context, "re-run", id);
            return $"../../executions/{run.Id}?done=rerun";
        });

    private static Task<IResult> CancelAsync(HttpContext context, string id, IExecutionOperations operations, CancellationToken cancellationToken) =>
        ActAsync(context, async () =>
        {
            var outcome = await operations.CancelAsync(ExecutionId.Parse(id), Actor(context), cancellationToken);
            Done(context, "cancel", id);
            var done = outcome switch { CancelOutcome.Delivered => "cancelled", CancelOutcome.Requested => "cancel-requested", _ => "ended" };
            return $"../../executions/{id}?done={done}";
        });

    private static Task<IResult> RunNowAsync(HttpContext context, string id, IExecutionOperations operations, CancellationToken cancellationToken) =>
        ActAsync(context, async () =>
        {
            var run = await operations.RunNowAsync(id, Actor(context), cancellationToken);
            Done(context, "run now", id);
            return $"../../executions/{run.Id}?done=run";
        });

    private static Task<IResult> PauseAsync(HttpContext context, string id, IExecutionOperations operations, CancellationToken cancellationToken) =>
        ActAsync(context, async () =>
        {
            await operations.PauseAsync(id, Actor(context), Text(context.Request.Form["reason"]), cancellationToken);
            Done(context, "pause", id);
            return "../../?done=paused";
        });

    private static Task<IResult> ResumeAsync(HttpContext context, string id, IExecutionOperations operations, CancellationToken cancellationToken) =>
        ActAsync(context, async () =>
        {
            await operations.ResumeAsync(id, Actor(context), Text(context.Request.Form["reason"]), cancellationToken);
            Done(context, "resume", id);
            return "../../?done=resumed";
        });

    /// <summary>Runs an action and redirects (POST-redirect-GET); a refused action renders why.</summary>
    private static async Task<IResult> ActAsync(HttpContext context, Func<Task<string>> action)
    {
        try
        {
            return Results.Redirect(await action(), permanent: false, preserveMethod: false);
        }
        catch (Exception e) when (e is ExecutionNotFoundException or KeyNotFoundException or FormatException)
        {
            return Pages.Message(context, StatusCodes.Status404NotFound, "Not found", e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Pages.Message(context, StatusCodes.Status409Conflict, "Not possible", e.Message);
        }
    }

    /// <summary>Who acts, as the host's authentication names them; a local user of a console without policy is named by address.</summary>
    private static string Actor(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : $"anonymous ({context.Connection.RemoteIpAddress})";

    private static void Done(HttpContext context, string action, string target) =>
        Log.ActionDone(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Integration.Dashboard"), action, target, Actor(context));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T? Enum<T>(string? value, string name) where T : struct, System.Enum =>
        Text(value) is not { } text ? null
        : System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(text, CultureInfo.InvariantCulture, out _) ? parsed
        : throw new FormatException($"'{text}' is not a {name} ({string.Join(", ", System.Enum.GetNames<T>())}).");

    private static DateOnly? Date(string? value, string name) =>
        Text(value) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new FormatException($"'{text}' is not a date (yyyy-MM-dd) for '{name}'.");
}
