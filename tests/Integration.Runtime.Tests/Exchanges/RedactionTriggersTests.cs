namespace Integration.Tests.Exchanges;

/// <summary>
/// The redactor's pre-check (<see cref="RedactionTriggers.Any"/>) decides whether a line is searched for secrets at
/// all: it must answer exactly as the word search it replaces (<see cref="RedactionTriggers.AnySlow"/>), for every
/// text. Rows at the boundaries, then generated texts dense in the words' letters.
/// </summary>
public sealed class RedactionTriggersTests
{
    public static TheoryData<string, bool> Rows => new()
    {
        { "", false },
        { "Fetched page 12 of the sales (50 sales)", false },
        { "GET /daily -> 200 in 3 ms", false },

        // Each word at the start, at the end, alone, in any case, cut short.
        { "bearer", true },
        { "BEARER abc", true },
        { "the token: x", true },
        { "a BaSiC", true },
        { "digest", true },
        { "xdigest", true },
        { "dIgEsT.", true },
        { "Negotiate", true },
        { "renegotiated", true },
        { "eyj", true },
        { "keyJ", true },
        { "EYJ", true },
        { "beare", false },
        { "basi", false },
        { "diges", false },
        { "negotiat", false },
        { "ey", false },
        { "yj", false },
        { "gj", false },
        { "b", false },
        { "g", false },
        { "j", false },

        // The letter at the very start or end, and the word just before or after punctuation.
        { "gest", false },
        { "di", false },
        { "(basic)", true },
        { "\"bearer\"", true },
        { "x,digest,y", true },
        { "-negotiate-", true },
        { "{eyJ}", true },

        // The three characters, wherever they stand.
        { ":", true },
        { "a=b", true },
        { "tail <", true },

        // Letters in other words before a word: under, at and over the number checked one by one.
        { "bag gig jog", false },
        { "bag gig basic", true },
        { "bag gig jog basic", true },
        { "bag gig jog bug basic", true },
        { "bag gig jog bug big", false },
        { "bag gig jog bug big x=1", true },
        { "bag gig jog bug eyj", true },

        // Outside ASCII: Unicode's case rules decide, as the word search does.
        { "déjà vu", false },
        { "baſic", false },
        { "dıgest", false },
        { "é bearer", true },
        { "bearer é", true },
        { "bag gig é", false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Any_AnswersAsTheWordSearch(string text, bool expected)
    {
        Assert.Equal(expected, RedactionTriggers.AnySlow(text));
        Assert.Equal(expected, RedactionTriggers.Any(text));
    }

    [Fact]
    public void Any_AgreesWithTheWordSearch_OnGeneratedTexts()
    {
        // An alphabet dense in the words' letters, both cases, word edges, the three characters and a few outside ASCII.
        const string Alphabet = "bBgGjJeEaArRsSiIcCdDtTnNoOyY  .,-_(\"/0:=<éſıKÅ";
        string[] pieces = ["bearer", "BASIC", "Digest", "negoTIATE", "eyJ", "beare", "basi", "iges", "egotiate", "yj", "ey"];
        var random = new Random(20261202);
        var disagreements = new List<string>();
        for (var n = 0; n < 200_000; n++)
        {
            var length = random.Next(0, 72);
            var text = new System.Text.StringBuilder(length + 16);
            while (text.Length < length)
            {
                if (random.Next(8) == 0)
                {
                    text.Append(pieces[random.Next(pieces.Length)]);
                }
                else
                {
                    text.Append(Alphabet[random.Next(Alphabet.Length)]);
                }
            }

            var value = text.ToString();
            if (RedactionTriggers.Any(value) != RedactionTriggers.AnySlow(value))
            {
                disagreements.Add(value);
            }
        }

        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void Any_FindsAWordAtEveryPlace_WhateverTheTextsLength(int length)
    {
        foreach (var word in new[] { "bearer", "basic", "digest", "negotiate", "eyj" })
        {
            for (var at = 0; at + word.Length <= length; at++)
            {
                var text = new string('x', at) + word.ToUpperInvariant() + new string('x', length - at - word.Length);
                Assert.True(RedactionTriggers.Any(text), $"'{word}' at {at} of {length}");
                Assert.False(RedactionTriggers.Any(text.Replace(word.ToUpperInvariant(), word[..^1].ToUpperInvariant() + "x", StringComparison.Ordinal)), $"cut '{word}' at {at} of {length}");
            }
        }
    }
}
