namespace Integration.Sample.Tests;

/// <summary>
/// README.md and docs/*.md keep the rules of <see cref="DocsRules"/>: every C# block is a region of
/// samples/Integration.Snippets, which the solution build compiles (so the docs' code compiles); no region is unused;
/// no page loses a heading listed in docs/headings.txt. `python3 eng/sync-snippets.py` copies the regions into the docs.
/// </summary>
public sealed class DocsTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in PagePaths())
        {
            pages.Add(page);
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryPage_KeepsTheDocsRules(string page)
    {
        var problems = new List<string>();
        var regions = Regions(problems);
        var listed = DocsRules.ListedHeadings(File.ReadAllText(Path.Combine(Root, DocsRules.HeadingsFile)));
        var text = File.ReadAllText(Path.Combine(Root, page));

        problems.AddRange(DocsRules.Check(new Dictionary<string, string> { [page] = text }, regions, listed)
            .Where(p => !p.Contains("is used by no page", StringComparison.Ordinal)));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void EverySnippetRegion_IsShownOnAPage()
    {
        var problems = new List<string>();
        var regions = Regions(problems);
        var listed = DocsRules.ListedHeadings(File.ReadAllText(Path.Combine(Root, DocsRules.HeadingsFile)));
        var pages = PagePaths().ToDictionary(p => p, p => File.ReadAllText(Path.Combine(Root, p)), StringComparer.Ordinal);

        var unused = DocsRules.Check(pages, regions, listed).Where(p => p.Contains("is used by no page", StringComparison.Ordinal)).ToList();

        Assert.True(unused.Count == 0, string.Join('\n', unused));
    }

    [Fact]
    public void EveryPageListedInHeadingsTxt_Exists()
    {
        var listed = DocsRules.ListedHeadings(File.ReadAllText(Path.Combine(Root, DocsRules.HeadingsFile)));

        var missing = listed.Keys.Where(p => !File.Exists(Path.Combine(Root, p))).ToList();

        Assert.True(missing.Count == 0, $"pages listed in {DocsRules.HeadingsFile} but gone: {string.Join(", ", missing)}");
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Integration.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Integration.sln not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> PagePaths()
        => new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    private static Dictionary<string, string> Regions(List<string> problems)
        => DocsRules.Regions(
            Directory.GetFiles(Path.Combine(Root, "samples", "Integration.Snippets"), "*.cs", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => (Path.GetRelativePath(Root, f), File.ReadAllText(f))),
            problems);
}
