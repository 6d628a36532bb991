namespace Integration;

/// <summary>
/// Free text an operator or a caller's identity gives (an actor's name, a reason), made safe to store and show: control
/// characters escaped (no forged line or terminal sequence in a console or an export), cut to <see cref="MaxLength"/>.
/// </summary>
internal static class OperatorText
{
    /// <summary>The longest text kept, in characters, after escaping.</summary>
    public const int MaxLength = 200;

    /// <summary>Gets the text made safe; null for null, empty or blank text.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var escaped = ControlCharacters.EscapeSingleLine(text.Trim());
        if (escaped.Length <= MaxLength)
        {
            return escaped;
        }

        // Never keep half of a surrogate pair.
        var length = char.IsHighSurrogate(escaped[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return escaped[..length];
    }
}
