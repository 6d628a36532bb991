namespace Integration;

/// <summary>
/// Settings of the exchange logging of one named <see cref="HttpClient"/>. What is masked and how long a body may be
/// are host-wide: <see cref="ExchangeCaptureOptions"/>.
/// </summary>
public sealed class HttpExchangeLoggingOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether request bodies already in memory (string, byte array, form and JSON
    /// content) are recorded, up to the payload cap. Streamed request content is never read. Defaults to true.
    /// </summary>
    public bool CaptureRequestBody { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether response bodies are recorded: the handler reads ahead no more than the
    /// payload cap, and hands the caller the whole body as it came. Binary bodies are described (type and length),
    /// and streamed ones (server-sent events, NDJSON, gRPC, multipart) are left alone. Captured or not, a body cut
    /// short (the connection dropped mid-body) makes the exchange line an error, streamed media types aside.
    /// Defaults to true.
    /// </summary>
    public bool CaptureResponseBody { get; set; } = true;

    /// <summary>
    /// Gets the unsuccessful status codes that are expected answers (e.g. 404 for a lookup) and recorded as
    /// information, not as errors. Empty by default: any status of 400 or more writes an error line.
    /// </summary>
    public ISet<int> ExpectedStatusCodes { get; } = new HashSet<int>();
}
