using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Integration;

/// <summary>
/// The correlation id of an inbound call, never taken raw from the client: the W3C trace id of the request's
/// activity (32 hex digits, parsed by the runtime from a valid <c>traceparent</c> or generated), else the server's
/// request identifier when it is a short token, else a new id. A client can neither inject control characters nor
/// send a megabyte id, nor make calls share an id (a hierarchical <c>Request-Id</c> has no trace id).
/// </summary>
internal static class InboundCorrelationId
{
    /// <summary>The longest request identifier kept as it is.</summary>
    public const int MaxLength = 64;

    public static string For(HttpContext http, TimeProvider time)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity && activity.TraceId != default)
        {
            return activity.TraceId.ToHexString();
        }

        return IsToken(http.TraceIdentifier) ? http.TraceIdentifier : Guid.CreateVersion7(time.GetUtcNow()).ToString("N", CultureInfo.InvariantCulture);
    }

    /// <summary>Gets a value indicating whether an id is 1 to <see cref="MaxLength"/> characters of letters, digits, '-', '_', '.' and ':'.</summary>
    public static bool IsToken(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
