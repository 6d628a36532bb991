namespace Integration.Sample.Tests;

/// <summary>Each docs rule, broken once: the check names it. The first row is how the old sync destroyed docs.</summary>
public sealed class DocsRulesTests
{
    private static readonly Dictionary<string, string> TwoRegions = new(StringComparer.Ordinal) { ["a"] = "A();", ["b"] = "B();" };

    private static readonly Dictionary<string, List<string>> Listed = new(StringComparer.Ordinal) { ["p.md"] = ["# P", "## One", "## Two"] };

    private const string ValidPage = "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```\n\n## Two\n\ntext\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n";

    public static TheoryData<string, string, string> BrokenPages() => new()
    {
        // An empty block is one block: it differs from its region, and the section after it is still there.
        { "empty block", "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\n```\n\n## Two\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n", "p.md:6: snippet 'a' differs from its region" },
        { "block without marker", "# P\n\n## One\n\n```csharp\nA();\n```\n\n## Two\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n", "p.md:5: a ```csharp block has no <!-- snippet: NAME --> marker above it" },
        { "marker without block", "# P\n\n## One\n\n<!-- snippet: a -->\n\n```csharp\nA();\n```\n\n## Two\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n", "p.md:5: marker a is not followed by a ```csharp block" },
        { "marker without region", ValidPage.Replace("snippet: b", "snippet: c", StringComparison.Ordinal), "p.md:15: marker c has no region in samples/Integration.Snippets" },
        { "block differs from region", ValidPage.Replace("B();", "B(1);", StringComparison.Ordinal), "p.md:15: snippet 'b' differs from its region" },
        { "lost heading", ValidPage.Replace("## Two\n", "", StringComparison.Ordinal), "p.md: lost the heading \"## Two\" listed in docs/headings.txt" },
        { "unlisted heading", ValidPage + "\n## Three\n", "p.md: heading \"## Three\" is not in docs/headings.txt" },
        { "fence inside a block (text an old sync swallowed)", "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```csharp\n```\n\n## Two\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n", "p.md:8: a code fence inside a ```csharp block" },
        { "block never closed", ValidPage + "\n```bash\nls\n", "p.md:19: a code block is never closed" },
        { "region no page uses", ValidPage.Replace("\n<!-- snippet: b -->\n```csharp\nB();\n```\n", "", StringComparison.Ordinal), "samples/Integration.Snippets: region b is used by no page" },
    };

    [Fact]
    public void AValidPage_BreaksNoRule()
    {
        var problems = DocsRules.Check(new Dictionary<string, string> { ["p.md"] = ValidPage }, TwoRegions, Listed);

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(BrokenPages))]
    public void ABrokenPage_IsReported(string rule, string page, string expected)
    {
        var problems = DocsRules.Check(new Dictionary<string, string> { ["p.md"] = page }, TwoRegions, Listed);

        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), $"{rule}: expected \"{expected}\", got:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void APageMissingFromHeadingsTxt_IsReported()
    {
        var problems = DocsRules.Check(new Dictionary<string, string> { ["new.md"] = "# New\n" }, new Dictionary<string, string>(), Listed);

        Assert.Equal(["new.md: not in docs/headings.txt (python3 eng/sync-snippets.py --add-headings)"], problems);
    }

    [Fact]
    public void AnEmptyBlock_EndsAtItsOwnFence()
    {
        var problems = new List<string>();

        var blocks = DocsRules.Blocks("p.md", "<!-- snippet: a -->\n```csharp\n```\n\nkept\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n", problems);

        Assert.Empty(problems);
        Assert.Equal([new SnippetBlock("a", 2, ""), new SnippetBlock("b", 8, "B();")], blocks);
    }

    [Fact]
    public void HeadingsInsideCode_AreNotHeadings()
    {
        var headings = DocsRules.Headings("# P\n```bash\n# a shell comment\n```\n## One\n#hashtag\n");

        Assert.Equal(["# P", "## One"], headings);
    }

    public static TheoryData<string, string, string> BrokenRegions() => new()
    {
        { "empty region", "#region snippet:a\n#endregion\n", "S.cs: region a is empty" },
        { "region never ended", "#region snippet:a\nA();\n", "S.cs: region a has no #endregion" },
        { "region defined twice", "#region snippet:a\nA();\n#endregion\n#region snippet:a\nA();\n#endregion\n", "S.cs: region a is defined twice" },
    };

    [Theory]
    [MemberData(nameof(BrokenRegions))]
    public void ABrokenRegion_IsReported(string rule, string source, string expected)
    {
        var problems = new List<string>();

        DocsRules.Regions([("S.cs", source)], problems);

        Assert.True(problems.Contains(expected), $"{rule}: expected \"{expected}\", got:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void ARegion_IsUnindented()
    {
        var regions = DocsRules.Regions([("S.cs", "    #region snippet:a\n    if (x)\n        A();\n    #endregion\n")], []);

        Assert.Equal("if (x)\n    A();", regions["a"]);
    }
}
