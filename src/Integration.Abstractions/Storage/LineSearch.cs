namespace Integration;

/// <summary>
/// Which log lines to find across executions, interfaces and days: the lines of one call (its correlation id) or of one
/// business id (an order number, a ticket id), newest first, one page at a time.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="CorrelationId"/> matches a line whose correlation id equals it exactly (case-sensitive).
/// <see cref="Text"/> is what a support search box holds: it matches a line whose correlation id equals it exactly, or
/// whose message holds every word of it (in any order, each as a whole word, case-insensitive; see
/// <see cref="Words"/>). Only the first <see cref="IndexedMessageLength"/> characters of a message are searched. When
/// both are set, a line must match both.
/// </para>
/// <para>
/// Lines come newest first: by <see cref="LogEntry.Time"/>, then execution id, then sequence, all descending. Paging is
/// by keyset (<see cref="After"/>, the <see cref="LinePage.Next"/> of the previous page), never by offset, so a page
/// read while lines are written has no duplicate and no gap among the lines older than its cursor.
/// </para>
/// </remarks>
public sealed record LineSearch
{
    /// <summary>The largest page a store returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The longest <see cref="Text"/>, in characters.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The most words <see cref="Text"/> may hold.</summary>
    public const int MaxWords = 16;

    /// <summary>The longest <see cref="CorrelationId"/>, in characters (the longest a line keeps).</summary>
    public const int MaxCorrelationIdLength = 256;

    /// <summary>How many characters at the start of a message are searched for <see cref="Text"/>'s words.</summary>
    public const int IndexedMessageLength = 4096;

    /// <summary>Gets the correlation id to find (exact), or null.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>
    /// Gets the text to find, or null: a correlation id (exact), or words of the message (an order number, a ticket id),
    /// case-insensitive, every word required.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Gets the interface whose lines to find, or null for all.</summary>
    public string? InterfaceId { get; init; }

    /// <summary>Gets the earliest line time (inclusive), or null.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest line time (exclusive), or null.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>Gets the paging cursor: only lines that sort after it, newest first (<see cref="LinePage.Next"/> of the previous page).</summary>
    public LineSearchCursor? After { get; init; }

    /// <summary>Gets the page size, from 1 to <see cref="MaxLimit"/>; defaults to 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>
    /// Splits a text into the words a message is searched for: the runs of letters and digits, lower-cased (invariant).
    /// Everything else (spaces, punctuation, symbols) separates words, so <c>ORD-12345</c> is the words <c>ord</c> and
    /// <c>12345</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The words, in order, repeats removed.</returns>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsWordCharacter(text, i))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                if (!words.Contains(word, StringComparer.Ordinal))
                {
                    words.Add(word);
                }

                start = -1;
            }
        }

        return words;
    }

    /// <summary>Checks the search's values.</summary>
    /// <exception cref="ArgumentException">Neither a correlation id nor a text is set, or one is empty, too long, or holds no word.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is out of range, or the time range is empty.</exception>
    public void Validate()
    {
        if (CorrelationId is null && Text is null)
        {
            throw new ArgumentException("A line search needs a correlation id or a text to find.", nameof(CorrelationId));
        }

        if (CorrelationId is { } id && (string.IsNullOrWhiteSpace(id) || id.Length > MaxCorrelationIdLength))
        {
            throw new ArgumentException($"A line search's correlation id must be 1 to {MaxCorrelationIdLength} characters, not blank.", nameof(CorrelationId));
        }

        if (Text is { } text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
            {
                throw new ArgumentException($"A line search's text must be 1 to {MaxTextLength} characters, not blank.", nameof(Text));
            }

            var words = Words(text).Count;
            if (words is 0 or > MaxWords)
            {
                throw new ArgumentException($"A line search's text must hold 1 to {MaxWords} words (runs of letters or digits); '{text}' holds {words}.", nameof(Text));
            }
        }

        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"A line search's limit must be between 1 and {MaxLimit}.");
        }

        if (From is { } from && Before is { } before && before <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(Before), before, $"A line search's time range is empty: {nameof(Before)} must be after {nameof(From)} ({from:O}).");
        }
    }

    /// <summary>Tells whether a message holds every word (of <see cref="Words"/>) in its first <see cref="IndexedMessageLength"/> characters.</summary>
    /// <param name="message">The message.</param>
    /// <param name="words">The words, lower-cased.</param>
    /// <returns>Whether every word is one of the message's.</returns>
    public static bool HoldsWords(string message, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(words);
        var held = Words(message.Length > IndexedMessageLength ? message[..IndexedMessageLength] : message);
        return words.All(w => held.Contains(w, StringComparer.Ordinal));
    }

    private static bool IsWordCharacter(string text, int i)
        => char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber;
}
