using System.Text.RegularExpressions;

namespace Integration;

/// <summary>
/// How a host's redaction pattern is compiled: ignoring case, culture-invariant and without backtracking, so that
/// no input can make masking slow (matching is linear in the text). A pattern the non-backtracking engine does not
/// support (back-references, look-arounds, atomic groups) is refused when the host starts.
/// </summary>
internal static class RedactionPatterns
{
    /// <summary>The group that, when a pattern has it, is the part masked; without it the whole match is.</summary>
    public const string SecretGroup = "secret";

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static Regex Compile(string pattern) => new(pattern, Options);

    /// <summary>Null when the pattern compiles, else why not.</summary>
    public static string? Problem(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "a pattern is empty";
        }

        try
        {
            var regex = Compile(pattern);
            return regex.IsMatch(string.Empty) ? $"the pattern '{pattern}' matches empty text" : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return $"the pattern '{pattern}' is not valid for a non-backtracking regular expression: {e.Message}";
        }
    }
}
