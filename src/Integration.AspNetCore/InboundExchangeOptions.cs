namespace Integration;

/// <summary>
/// Settings of the inbound calls of one endpoint group. What is masked and how long a body may be are host-wide:
/// <see cref="ExchangeCaptureOptions"/>.
/// </summary>
public sealed class InboundExchangeOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether request bodies are recorded: no more than the payload cap is read
    /// ahead, and the endpoint then reads the whole body as it came, with or without a Content-Length (chunked, or
    /// HTTP/2 and HTTP/3 DATA frames). Binary bodies are described (type and length), streamed ones (NDJSON, gRPC,
    /// multipart) left alone. Defaults to true.
    /// </summary>
    public bool CaptureRequestBody { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether response bodies are recorded: the bytes still go straight to the
    /// client, and the first ones, up to the payload cap, are copied for the log. Binary bodies are described, and a
    /// file sent with SendFileAsync is passed on untouched and only described. Defaults to true.
    /// </summary>
    public bool CaptureResponseBody { get; set; } = true;
}
