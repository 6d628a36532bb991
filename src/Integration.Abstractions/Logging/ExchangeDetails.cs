namespace Integration;

/// <summary>One exchange with the external system (a request and its response), as recorded on a log line.</summary>
public sealed record ExchangeDetails
{
    /// <summary>Gets who called whom.</summary>
    public InterfaceDirection Direction { get; init; }

    /// <summary>Gets the operation: an HTTP method, a procedure name, a queue…</summary>
    public string? Method { get; init; }

    /// <summary>Gets the target: a URL with secret query values redacted, an endpoint, a file name…</summary>
    public string? Target { get; init; }

    /// <summary>Gets the status the other side answered (an HTTP status code), if any.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets how long the exchange took.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Gets the request's allow-listed headers, one "Name: value" per line.</summary>
    public string? RequestHeaders { get; init; }

    /// <summary>Gets the request's body, redacted and capped.</summary>
    public string? RequestBody { get; init; }

    /// <summary>Gets the response's allow-listed headers, one "Name: value" per line.</summary>
    public string? ResponseHeaders { get; init; }

    /// <summary>Gets the response's body, redacted and capped.</summary>
    public string? ResponseBody { get; init; }
}
