using System.Diagnostics.CodeAnalysis;

namespace Integration;

/// <summary>
/// The id of an execution: a version 7 UUID, so ids sort by creation time (to the millisecond) both as values
/// and as strings.
/// </summary>
public readonly struct ExecutionId : IEquatable<ExecutionId>, IComparable<ExecutionId>, ISpanFormattable
{
    /// <summary>Wraps an existing UUID.</summary>
    /// <param name="value">The UUID.</param>
    public ExecutionId(Guid value) => Value = value;

    /// <summary>Gets the UUID.</summary>
    public Guid Value { get; }

    /// <summary>Creates a new id that sorts after the ids created before <paramref name="now"/>.</summary>
    /// <param name="now">The current time, read from the host's <see cref="TimeProvider"/>.</param>
    /// <returns>A new id.</returns>
    public static ExecutionId New(DateTimeOffset now) => new(Guid.CreateVersion7(now));

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
}
