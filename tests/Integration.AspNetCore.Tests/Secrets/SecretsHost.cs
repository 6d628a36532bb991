using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.AspNetCore.Tests.Secrets;

/// <summary>
/// A host with an inbound interface <c>public-api</c> (its endpoint answers with the case's response and writes the
/// case's message through ILogger, copied into the execution by the bridge) and an outbound one <c>partner</c> (a
/// logged HttpClient whose partner answers with the case's response). Everything the host records can then be read
/// back: stored lines, every export format, and the host's own ILogger output.
/// </summary>
public sealed class SecretsHost : IAsyncDisposable
{
    private SecretsHost(WebApplication app, CapturedLogs logs, SecretCase secretCase, Uri baseAddress)
    {
        App = app;
        Logs = logs;
        Case = secretCase;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public CapturedLogs Logs { get; }

    public SecretCase Case { get; }

    public HttpClient Client { get; }

    public static async Task<SecretsHost> StartAsync(SecretCase secretCase)
    {
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddRealTimeInterface("public-api", i => i.Type(InterfaceType.PublicWebServices).Inbound())
            .AddRealTimeInterface("partner", i => i.Type(InterfaceType.ExternalSales).Outbound())
            .AddExecutionLogBridge(LogLevel.Information)
            .AddExcelExport());
        builder.Services.AddHttpClient("partner")
            .ConfigurePrimaryHttpMessageHandler(() => new Partner(secretCase))
            .AddExecutionLogging();
        var app = builder.Build();
        app.MapMethods("/api/{**rest}", ["GET", "POST"], (HttpContext http, ILoggerFactory loggers) => AnswerAsync(http, secretCase, loggers.CreateLogger("Host.SalesEndpoint")))
            .WithDailyExecution("public-api");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SecretsHost(app, logs, secretCase, new Uri(address));
    }

    /// <summary>A client calls the host's API with the case's request.</summary>
    public async Task CallInboundAsync()
    {
        using var request = Request(new Uri(Client.BaseAddress!, "/api" + Case.PathAndQuery));
        using var response = await Client.SendAsync(request);
        _ = await response.Content.ReadAsStringAsync();
    }

    /// <summary>The host calls its partner with the case's request, in a real-time call that also writes the case's message.</summary>
    public async Task CallOutboundAsync()
    {
        var http = App.Services.GetRequiredService<IHttpClientFactory>().CreateClient("partner");
        var target = new UriBuilder("https", "partner.example") { Path = Case.PathAndQuery.Split('?')[0], Query = Case.PathAndQuery.Contains('?') ? Case.PathAndQuery.Split('?', 2)[1] : string.Empty };
        if (Case.UserInfo is { } userInfo)
        {
            target.UserName = userInfo.Split(':')[0];
            target.Password = userInfo.Split(':')[1];
        }

        await App.Services.GetRequiredService<IRealTimeCalls>().CallAsync(
            "partner",
            "partner call",
            async (call, ct) =>
            {
                if (Case.Message is { } message)
                {
                    call.Log.Info(message);
                }

                using var request = Request(target.Uri);
                using var response = await http.SendAsync(request, ct);
                return await response.Content.ReadAsStringAsync(ct);
            },
            options: null,
            CancellationToken.None);
    }

    /// <summary>Every text the host keeps of its executions: each stored line's fields, and each export format's bytes as text.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RecordsAsync()
    {
        var store = App.Services.GetRequiredService<IExecutionStore>();
        var support = App.Services.GetRequiredService<IExecutionSupport>();
        var executions = (await store.QueryAsync(new ExecutionQuery())).Items;
        var records = new Dictionary<string, string>();
        var stored = new StringBuilder();
        foreach (var execution in executions)
        {
            foreach (var line in await store.ReadLogAsync(execution.Id, new LogQuery { Limit = LogQuery.MaxLimit }))
            {
                var x = line.Exchange;
                stored.AppendLine($"{line.Message} | {line.CorrelationId} | {x?.Method} {x?.Target} | {x?.RequestHeaders} | {x?.RequestBody} | {x?.ResponseHeaders} | {x?.ResponseBody} | {line.Exception?.Message} {line.Exception?.StackTrace}");
            }
        }

        records["store"] = stored.ToString();
        foreach (var format in support.ExportFormats)
        {
            using var destination = new MemoryStream();
            await support.ExportManyAsync([.. executions.Select(e => e.Id)], format, destination);
            records[format] = format == ExportFormats.Xlsx ? WorkbookText(destination.ToArray()) : Encoding.UTF8.GetString(destination.ToArray());
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    private HttpRequestMessage Request(Uri target)
    {
        var request = new HttpRequestMessage(Case.RequestBody is null ? HttpMethod.Get : HttpMethod.Post, target);
        if (Case.RequestBody is { } body)
        {
            request.Content = new StringContent(body, Encoding.UTF8, Case.RequestContentType);
        }

        foreach (var (name, value) in Case.RequestHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static async Task AnswerAsync(HttpContext http, SecretCase secretCase, ILogger logger)
    {
        using (var reader = new StreamReader(http.Request.Body))
        {
            _ = await reader.ReadToEndAsync();
        }

        if (secretCase.Message is { } message)
        {
#pragma warning disable CA2254 // The message is the test's input: a host writing a secret into its own log line.
            logger.LogInformation(message);
#pragma warning restore CA2254
        }

        foreach (var (name, value) in secretCase.ResponseHeaders)
        {
            http.Response.Headers.Append(name, value);
        }

        http.Response.ContentType = secretCase.ResponseContentType;
        await http.Response.WriteAsync(secretCase.ResponseBody ?? "{}");
    }

    /// <summary>The text of every part of a workbook (cells are in its XML parts, as inline or shared strings).</summary>
    private static string WorkbookText(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.AppendLine(WebUtility.HtmlDecode(reader.ReadToEnd()));
        }

        return text.ToString();
    }

    /// <summary>The partner: answers every request with the case's response.</summary>
    private sealed class Partner(SecretCase secretCase) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                _ = await request.Content.ReadAsStringAsync(cancellationToken);
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(secretCase.ResponseBody ?? "{}", Encoding.UTF8, secretCase.ResponseContentType),
                RequestMessage = request,
            };
            foreach (var (name, value) in secretCase.ResponseHeaders)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }
    }
}
