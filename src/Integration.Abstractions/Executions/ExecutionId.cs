using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Integration;

/// <summary>
/// The id of an execution: a version 7 UUID (RFC 9562), so ids sort by creation time (to the millisecond) both as
/// values and as strings, and ids made on different nodes and processes do not collide (74 random bits each).
/// </summary>
public readonly struct ExecutionId : IEquatable<ExecutionId>, IComparable<ExecutionId>, ISpanFormattable
{
    // The random bits of one id: rand_a (12 bits) and rand_b (62 bits) with the version and variant bits between them.
    private const int RandomBytesPerId = 10;

    // Cryptographically random bytes are drawn in blocks of this size per thread: one system call per ~100 ids
    // instead of one per id (Guid.CreateVersion7 asks the system for every id).
    private const int RandomBlock = RandomBytesPerId * 100;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_randomUsed;

    /// <summary>Wraps an existing UUID.</summary>
    /// <param name="value">The UUID.</param>
    public ExecutionId(Guid value) => Value = value;

    /// <summary>Gets the UUID.</summary>
    public Guid Value { get; }

    /// <summary>Creates a new id that sorts after the ids created before <paramref name="now"/>.</summary>
    /// <param name="now">The current time, read from the host's <see cref="TimeProvider"/>.</param>
    /// <returns>A new id: a version 7 UUID whose 48-bit timestamp is <paramref name="now"/> in Unix milliseconds.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the Unix epoch.</exception>
    /// <remarks>
    /// The timestamp is <paramref name="now"/> as given, never adjusted: a clock set back makes ids that sort by the
    /// time they carry, and they are still unique (their random bits are drawn afresh). Within one millisecond, ids
    /// are ordered by their random bits, as RFC 9562 allows.
    /// </remarks>
    public static ExecutionId New(DateTimeOffset now)
    {
        var milliseconds = now.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(now));
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        TakeRandomBytes(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new(new Guid(bytes, bigEndian: true));
    }

    /// <summary>Parses an id written by <see cref="ToString()"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not an execution id.</exception>
    public static ExecutionId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an execution id.");
    }

    /// <summary>Tries to parse an id written by <see cref="ToString()"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when the text is one.</param>
    /// <returns>Whether the text is an execution id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out ExecutionId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new ExecutionId(guid);
        return ok;
    }

    /// <inheritdoc />
    public int CompareTo(ExecutionId other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public bool Equals(ExecutionId other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExecutionId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format ?? "D", formatProvider);

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => Value.TryFormat(destination, out charsWritten, format.IsEmpty ? "D" : format);

    /// <summary>Compares two ids.</summary>
    public static bool operator ==(ExecutionId left, ExecutionId right) => left.Equals(right);

    /// <summary>Compares two ids.</summary>
    public static bool operator !=(ExecutionId left, ExecutionId right) => !left.Equals(right);

    /// <summary>Compares two ids by creation time.</summary>
    public static bool operator <(ExecutionId left, ExecutionId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two ids by creation time.</summary>
    public static bool operator >(ExecutionId left, ExecutionId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two ids by creation time.</summary>
    public static bool operator <=(ExecutionId left, ExecutionId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two ids by creation time.</summary>
    public static bool operator >=(ExecutionId left, ExecutionId right) => left.CompareTo(right) >= 0;

    private static void TakeRandomBytes(Span<byte> destination)
    {
        var block = t_random;
        var used = t_randomUsed;
        if (block is null || used > RandomBlock - destination.Length)
        {
            block ??= t_random = new byte[RandomBlock];
            RandomNumberGenerator.Fill(block);
            used = 0;
        }

        var taken = block.AsSpan(used, destination.Length);
        taken.CopyTo(destination);

        // Each byte serves one id only.
        taken.Clear();
        t_randomUsed = used + destination.Length;
    }
}
