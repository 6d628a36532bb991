using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Checks <see cref="WebhookNotifierOptions"/> when the host starts; each message names the option and the problem, never the secret.</summary>
internal sealed class WebhookNotifierOptionsValidator : IValidateOptions<WebhookNotifierOptions>
{
    private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxFirstRetryDelay = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, WebhookNotifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        const string Prefix = nameof(WebhookNotifierOptions) + ".";

        if (options.Endpoint is null)
        {
            builder.AddError("is required: the receiver's absolute http or https URL", Prefix + nameof(options.Endpoint));
        }
        else if (!options.Endpoint.IsAbsoluteUri)
        {
            builder.AddError("must be an absolute http or https URL; it is relative", Prefix + nameof(options.Endpoint));
        }
        else if (options.Endpoint.Scheme != Uri.UriSchemeHttp && options.Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            builder.AddError($"must be an http or https URL; its scheme is '{options.Endpoint.Scheme}'", Prefix + nameof(options.Endpoint));
        }

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            builder.AddError("is required: the shared secret the body is signed with (keep it in configuration or a secret store)", Prefix + nameof(options.Secret));
        }
        else if (options.Secret.Length < WebhookNotifierOptions.MinSecretLength)
        {
            builder.AddError($"must be at least {WebhookNotifierOptions.MinSecretLength} characters long; it has {options.Secret.Length}", Prefix + nameof(options.Secret));
        }

        if (string.IsNullOrEmpty(options.SignatureHeader) || !options.SignatureHeader.All(IsTokenChar))
        {
            builder.AddError("must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)", Prefix + nameof(options.SignatureHeader));
        }

        if (string.IsNullOrWhiteSpace(options.Source) || !Uri.TryCreate(options.Source, UriKind.RelativeOrAbsolute, out _))
        {
            builder.AddError("must be a URI reference, e.g. /integration", Prefix + nameof(options.Source));
        }

        if (options.AttemptTimeout < MinAttemptTimeout || options.AttemptTimeout > MaxAttemptTimeout)
        {
            builder.AddError($"must be from {MinAttemptTimeout} to {MaxAttemptTimeout}; it is {options.AttemptTimeout}", Prefix + nameof(options.AttemptTimeout));
        }

        if (options.MaxRetries is < 0 or > WebhookNotifierOptions.MaxAllowedRetries)
        {
            builder.AddError($"must be from 0 to {WebhookNotifierOptions.MaxAllowedRetries}; it is {options.MaxRetries}", Prefix + nameof(options.MaxRetries));
        }

        if (options.FirstRetryDelay < TimeSpan.Zero || options.FirstRetryDelay > MaxFirstRetryDelay)
        {
            builder.AddError($"must be from {TimeSpan.Zero} to {MaxFirstRetryDelay}; it is {options.FirstRetryDelay}", Prefix + nameof(options.FirstRetryDelay));
        }

        return builder.Build();
    }

    // RFC 9110 token characters.
    private static bool IsTokenChar(char c)
        => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
