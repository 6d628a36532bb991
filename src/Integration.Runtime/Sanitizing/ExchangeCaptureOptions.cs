using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>
/// What may reach the store from a log line: which headers are shown, which fields and query values are masked,
/// how long a payload may be and how many lines one execution keeps. Applied to every line before it is stored,
/// whoever wrote it (a connector, the HTTP handler, the ASP.NET Core filter or the ILogger bridge).
/// Validated when the host starts.
/// </summary>
public sealed class ExchangeCaptureOptions
{
    /// <summary>The default of <see cref="MaxPayloadLength"/>: 32 KB.</summary>
    public const int DefaultMaxPayloadLength = 32 * 1024;

    /// <summary>The default of <see cref="MaxLinesPerExecution"/>.</summary>
    public const int DefaultMaxLinesPerExecution = 100_000;

    /// <summary>The default of <see cref="MaxLinesPerDailyExecution"/>.</summary>
    public const int DefaultMaxLinesPerDailyExecution = 1_000_000;

    /// <summary>
    /// Gets the headers whose values are recorded (case-insensitive). Any other header is recorded with its value
    /// replaced by <see cref="Mask"/>. Defaults to Accept, Content-Type, Content-Length, Content-Encoding, Date,
    /// Location, Retry-After, User-Agent, Server, ETag, Cache-Control, traceparent, X-Request-Id and X-Correlation-Id.
    /// </summary>
    [NoBlankNames]
    public ISet<string> AllowedHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Content-Type", "Content-Length", "Content-Encoding", "Date", "Location", "Retry-After", "User-Agent",
        "Server", "ETag", "Cache-Control", "traceparent", "X-Request-Id", "X-Correlation-Id",
    };

    /// <summary>
    /// Gets the names that mark a value as secret wherever it stands: a JSON field (its value masked whole, even an
    /// object or an array), an XML element or attribute, a <c>name=value</c> or <c>name: value</c> pair in a query,
    /// a fragment, a form or free text. A name matches when, ignoring case and everything but letters and digits, it
    /// contains a listed name: <c>apiKey</c> masks <c>api_key</c> and <c>X-Api-Key</c>; <c>secret</c> masks
    /// <c>clientSecret</c> and <c>secretKey</c>; <c>token</c> masks <c>access_token</c>. Defaults to password, passwd,
    /// pwd, passphrase, secret, token, apiKey, accessKey, privateKey, authorization, credential, signature, cookie and
    /// sessionId.
    /// </summary>
    [NoBlankNames]
    public ISet<string> RedactedFields { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "token", "apiKey", "accessKey", "privateKey", "authorization",
        "credential", "signature", "cookie", "sessionId",
    };

    /// <summary>
    /// Gets the names of query, fragment and form keys whose values are masked, matched whole, ignoring case and
    /// everything but letters and digits (short names that would mark too much inside longer ones). Keys matching
    /// <see cref="RedactedFields"/> are masked too (so <c>api_key</c> and <c>X-Amz-Signature</c> are by default).
    /// Defaults to key, sig and code (an OAuth authorization code).
    /// </summary>
    [NoBlankNames]
    public ISet<string> RedactedQueryKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "key", "sig", "code",
    };

    /// <summary>Gets or sets the text that replaces a masked value. Defaults to <c>***</c>.</summary>
    [Required(AllowEmptyStrings = true)]
    [Length(1, 64)]
    public string Mask { get; set; } = "***";

    /// <summary>
    /// Gets or sets the longest text, in characters, a line keeps in one field (message, body, headers, exception).
    /// A longer one is cut, and starts with a marker giving its original length. From 1 KB to 16 MB; defaults to 32 KB.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxPayloadLength { get; set; } = DefaultMaxPayloadLength;

    /// <summary>
    /// Gets or sets how many lines one execution keeps. Past it, lines are dropped, except errors, which are always
    /// kept; a warning says so when it happens, and one line counts what was dropped when the execution ends.
    /// At least 10; defaults to 100,000.
    /// </summary>
    [Range(10, int.MaxValue)]
    public int MaxLinesPerExecution { get; set; } = DefaultMaxLinesPerExecution;

    /// <summary>
    /// Gets or sets how many lines one daily execution (one local day of a real-time interface's calls) keeps, counted
    /// across every node that writes into it (by the store's sequences, so a few lines in flight may pass the cap).
    /// Past it, lines are dropped, except errors, which are always kept; a warning says so when it happens, and one
    /// line counts what was dropped when the day closes. At least 10; defaults to 1,000,000 (about 500,000 calls).
    /// </summary>
    [Range(10, int.MaxValue)]
    public int MaxLinesPerDailyExecution { get; set; } = DefaultMaxLinesPerDailyExecution;

    /// <summary>
    /// Gets regular expressions for secrets of the host's own shapes (a partner's key format, an account number),
    /// masked in every text of a line after the built-in rules: the group named <c>secret</c> when the pattern has
    /// one, else the whole match. They are matched ignoring case and without backtracking (linear in the text, so no
    /// input can make them slow); a pattern that does not compile so, or matches empty text, fails when the host
    /// starts. Empty by default.
    /// </summary>
    [RedactionPatterns]
    public ISet<string> RedactedPatterns { get; } = new HashSet<string>(StringComparer.Ordinal);
}
