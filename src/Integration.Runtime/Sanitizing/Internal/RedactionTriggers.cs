using System.Buffers;

namespace Integration;

/// <summary>
/// Whether a text may hold a secret that <see cref="ExchangeRedactor.Redact"/> masks without a host pattern: it holds
/// one of the characters the field and pair scans start from (<c>:</c>, <c>=</c>, <c>&lt;</c>), or one of the words
/// credentials and JWTs start with (<c>bearer</c>, <c>basic</c>, <c>digest</c>, <c>negotiate</c>, <c>eyj</c>, ignoring
/// case). Text without them is returned as is, so this runs on every line and must be cheap: one character scan
/// instead of the word search.
/// </summary>
/// <remarks>
/// Each word holds exactly one of the letters <c>b</c>, <c>g</c>, <c>j</c> (either case), at a known place: bearer and
/// basic start with their <c>b</c>, digest and negotiate have their <c>g</c> third, eyj its <c>j</c>. So one scan for
/// those letters and the three characters finds every candidate, and a letter found is checked against the words it
/// can belong to, in place. The answer is exactly that of searching the words ignoring case (<see cref="AnySlow"/>,
/// which the tests compare it with): text with a character outside ASCII, whose case rules are Unicode's, and text
/// where the letters keep turning up in other words (<see cref="MaxLettersChecked"/> letters checked in vain) go to
/// the word search.
/// </remarks>
internal static class RedactionTriggers
{
    /// <summary>The letters found and not part of a word after which the rest of the text goes to the word search.</summary>
    public const int MaxLettersChecked = 3;

    private static readonly SearchValues<char> Characters = SearchValues.Create(":=<");
    private static readonly SearchValues<string> Words = SearchValues.Create(["bearer", "basic", "digest", "negotiate", "eyj"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Every ASCII character except the three characters and the letters b, g, j: a scan for anything else stops at a candidate or at a character outside ASCII.</summary>
    private static readonly SearchValues<char> Uneventful = SearchValues.Create(UneventfulCharacters());

    /// <summary>Gets a value indicating whether the text holds one of the characters or one of the words (ignoring case).</summary>
    public static bool Any(ReadOnlySpan<char> text)
    {
        var checkedLetters = 0;
        for (var from = 0; ;)
        {
            var found = text[from..].IndexOfAnyExcept(Uneventful);
            if (found < 0)
            {
                return false;
            }

            var at = from + found;
            switch (text[at])
            {
                case ':' or '=' or '<':
                    return true;
                case > '\u007F':
                    return AnySlow(text);
            }

            if (IsWordAt(text, at))
            {
                return true;
            }

            // Text full of those letters in other words: one search of the words costs less than checking each.
            if (++checkedLetters == MaxLettersChecked)
            {
                return AnySlow(text);
            }

            from = at + 1;
        }
    }

    /// <summary>The reference: the characters, then the words ignoring case (as <see cref="StringComparison.OrdinalIgnoreCase"/>).</summary>
    public static bool AnySlow(ReadOnlySpan<char> text) => text.IndexOfAny(Characters) >= 0 || text.IndexOfAny(Words) >= 0;

    /// <summary>Whether the letter at <paramref name="at"/> (b, g or j, ASCII text) is the one of a word standing there.</summary>
    private static bool IsWordAt(ReadOnlySpan<char> text, int at) => (text[at] | 0x20) switch
    {
        'b' => IsAt(text, at, "bearer") || IsAt(text, at, "basic"),
        'g' => IsAt(text, at - 2, "digest") || IsAt(text, at - 2, "negotiate"),
        _ => IsAt(text, at - 2, "eyj"),
    };

    /// <summary>Whether <paramref name="word"/> (lower-case ASCII letters) stands at <paramref name="start"/>, ignoring ASCII case.</summary>
    private static bool IsAt(ReadOnlySpan<char> text, int start, string word)
    {
        if (start < 0 || word.Length > text.Length - start)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            // Only the two cases of an ASCII letter give that lower-case letter once bit 0x20 is set.
            if ((text[start + i] | 0x20) != word[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string UneventfulCharacters()
    {
        var characters = new char[128];
        var length = 0;
        for (var c = '\0'; c < 128; c++)
        {
            if (c is not (':' or '=' or '<' or 'b' or 'B' or 'g' or 'G' or 'j' or 'J'))
            {
                characters[length++] = c;
            }
        }

        return new string(characters, 0, length);
    }
}
