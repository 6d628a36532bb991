using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Integration.Tests.Support;
using Microsoft.Extensions.Options;

namespace Integration.Tests;

public sealed class DefaultErrorClassifierTests
{
    public static TheoryData<Exception, ErrorCategory> Rules => new()
    {
        { new ExternalSystemException("partner down"), ErrorCategory.External },
        { new ConfigurationException("missing ApiKey"), ErrorCategory.Configuration },
        { new MappingException("unknown product"), ErrorCategory.Mapping },
        { new HttpRequestException("connection refused", new SocketException((int)SocketError.ConnectionRefused)), ErrorCategory.External },
        { new SocketException((int)SocketError.HostUnreachable), ErrorCategory.External },
        { new TimeoutException("no answer"), ErrorCategory.External },
        { new TaskCanceledException("HttpClient.Timeout", new TimeoutException()), ErrorCategory.External },
        { new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable), ErrorCategory.External },
        { new HttpRequestException("500", null, HttpStatusCode.InternalServerError), ErrorCategory.External },
        { new HttpRequestException("408", null, HttpStatusCode.RequestTimeout), ErrorCategory.External },
        { new HttpRequestException("429", null, HttpStatusCode.TooManyRequests), ErrorCategory.External },
        { new HttpRequestException("401", null, HttpStatusCode.Unauthorized), ErrorCategory.Configuration },
        { new HttpRequestException("403", null, HttpStatusCode.Forbidden), ErrorCategory.Configuration },
        { new HttpRequestException("400", null, HttpStatusCode.BadRequest), ErrorCategory.Mapping },
        { new HttpRequestException("422", null, HttpStatusCode.UnprocessableEntity), ErrorCategory.Mapping },
        { new HttpRequestException("404", null, HttpStatusCode.NotFound), ErrorCategory.Configuration },
        { new HttpRequestException("response ended", new HttpIOException(HttpRequestError.ResponseEnded)), ErrorCategory.External },
        { new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."), ErrorCategory.External },
        { new JsonException("unexpected token"), ErrorCategory.Mapping },
        { new FormatException("not a date"), ErrorCategory.Mapping },
        { new InvalidCastException("not an int"), ErrorCategory.Mapping },
        { new OverflowException("too large"), ErrorCategory.Mapping },
        { new OptionsValidationException("Fnac", typeof(object), ["ApiKey is required"]), ErrorCategory.Configuration },
        { new AggregateException(new MappingException("inner")), ErrorCategory.Mapping },
        { new InvalidOperationException("bug"), ErrorCategory.Technical },
        { new NullReferenceException(), ErrorCategory.Technical },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task ConnectorFailure_IsClassifiedByTheBuiltInRules(Exception exception, ErrorCategory expected)
    {
        await using var h = Harness.Create();
        h.Scripts.Set("sales", (_, _) => throw exception);

        var ended = await h.RunNowAsync();

        Assert.Equal(ExecutionStatus.KO, ended.Status);
        var error = Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error));
        Assert.Equal(expected, error.Category);
        Assert.Equal(1, ended.Errors[expected]);
    }
}
