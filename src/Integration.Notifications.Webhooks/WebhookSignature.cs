using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Integration;

/// <summary>
/// The signature of a webhook body: <c>sha256=</c> followed by the lowercase hexadecimal HMAC-SHA256 of the exact body
/// bytes, keyed with the UTF-8 bytes of the shared secret. The notifier sends it in
/// <see cref="WebhookNotifierOptions.SignatureHeader"/>; a receiver checks it with <see cref="Verify"/> before it trusts
/// the body.
/// </summary>
public static class WebhookSignature
{
    /// <summary>What a signature starts with: <c>sha256=</c>.</summary>
    public const string Prefix = "sha256=";

    private const int HashLength = HMACSHA256.HashSizeInBytes;

    /// <summary>Computes the signature of a body.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="body">The exact bytes of the body, as sent.</param>
    /// <returns><c>sha256=&lt;64 lowercase hexadecimal digits&gt;</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty.</exception>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> hash = stackalloc byte[HashLength];
        Hash(secret, body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Checks a signature a receiver got, in a time that does not depend on where it differs from the expected one.
    /// </summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="body">The exact bytes of the body, as received (before any parsing).</param>
    /// <param name="headerValue">The value of the signature header; null when the request had none.</param>
    /// <returns>
    /// Whether <paramref name="headerValue"/> is the signature of <paramref name="body"/> with <paramref name="secret"/>;
    /// false for a missing or malformed value (hexadecimal digits are accepted in either case).
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty.</exception>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? headerValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var value = headerValue.AsSpan().Trim();
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || value.Length != Prefix.Length + (2 * HashLength))
        {
            return false;
        }

        Span<byte> received = stackalloc byte[HashLength];
        if (Convert.FromHexString(value[Prefix.Length..], received, out _, out var written) != OperationStatus.Done || written != HashLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashLength];
        Hash(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    private static void Hash(string secret, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        try
        {
            HMACSHA256.HashData(key, body, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
