namespace Integration;

/// <summary>
/// Where and how <see cref="WebhookNotifierBuilderExtensions.AddWebhookNotifier"/> delivers notifications. Validated when
/// the host starts: an invalid value fails the start with a message that names the option.
/// </summary>
/// <remarks>
/// One delivery makes up to <see cref="MaxRetries"/> + 1 attempts, each bounded by <see cref="AttemptTimeout"/>, with
/// exponential delays from <see cref="FirstRetryDelay"/> between them. Keep the whole (about
/// <c>(MaxRetries + 1) × AttemptTimeout</c> plus the delays) under the runtime's
/// <see cref="NotificationOptions.ClaimTimeout"/>, or another node may claim the notification and send it again while
/// this one still retries (receivers deduplicate by the event's id, so that is harmless, only noisy).
/// </remarks>
public sealed class WebhookNotifierOptions
{
    /// <summary>The default of <see cref="SignatureHeader"/>: <c>X-Integration-Signature</c>.</summary>
    public const string DefaultSignatureHeader = "X-Integration-Signature";

    /// <summary>The default of <see cref="Source"/>: <c>/integration</c>.</summary>
    public const string DefaultSource = "/integration";

    /// <summary>The least length of <see cref="Secret"/>: 16 characters.</summary>
    public const int MinSecretLength = 16;

    /// <summary>The most <see cref="MaxRetries"/> allows: 10.</summary>
    public const int MaxAllowedRetries = 10;

    /// <summary>
    /// Gets or sets the receiver's URL, where each notification is POSTed. Required: an absolute <c>http</c> or
    /// <c>https</c> URI. Logs and exception messages show it without its user information and query string.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Gets or sets the shared secret the body is signed with (HMAC-SHA256, in <see cref="SignatureHeader"/>); the
    /// receiver verifies the signature with the same secret (<see cref="WebhookSignature.Verify"/>). Required, at least
    /// <see cref="MinSecretLength"/> characters. Keep it in configuration or a secret store (user secrets, environment,
    /// a vault), never in code or in source control. It is never logged nor put in an exception message.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Gets or sets the request header that carries the signature, <c>sha256=&lt;lowercase hex&gt;</c>. Defaults to
    /// <see cref="DefaultSignatureHeader"/>; an HTTP header name (letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>).
    /// </summary>
    public string SignatureHeader { get; set; } = DefaultSignatureHeader;

    /// <summary>
    /// Gets or sets the CloudEvents <c>source</c> attribute of every event: a URI reference naming this host (for
    /// example <c>/integration/ticketing-prod</c> or <c>https://ticketing.example.com/integration</c>). Defaults to
    /// <see cref="DefaultSource"/>.
    /// </summary>
    public string Source { get; set; } = DefaultSource;

    /// <summary>
    /// Gets or sets how long one attempt may take, from sending the request to the response's headers; past it the
    /// attempt is cancelled and counts as failed (and is retried). From 1 second to 5 minutes. Defaults to 10 seconds.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how many times a failed attempt is retried within one delivery: after a network error, a timeout,
    /// or an answer 408, 429 or 5xx (any other unsuccessful answer fails the delivery at once). From 0 (no retry) to
    /// <see cref="MaxAllowedRetries"/>. Defaults to 3. When the delivery still fails, the runtime keeps the notification
    /// and tries it again later.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Gets or sets the delay before the first retry; each next delay doubles, with jitter. From zero to 10 minutes.
    /// Defaults to 1 second.
    /// </summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
