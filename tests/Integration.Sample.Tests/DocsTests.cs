using System.Text.RegularExpressions;

namespace Integration.Sample.Tests;

/// <summary>
/// Every C# block of README.md and docs/*.md is a region of samples/Integration.Snippets, which the solution build
/// compiles: the docs' code compiles. `python3 eng/sync-snippets.py` copies the regions into the docs.
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in new[] { Path.Combine(Root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal)))
        {
            pages.Add(Path.GetRelativePath(Root, page));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryCSharpBlock_IsACompiledSnippet(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");
        var snippets = Snippets();

        foreach (Match block in CSharpBlock().Matches(text))
        {
            var before = text[..block.Index].TrimEnd('\n');
            var marker = SnippetMarker().Match(before[(before.LastIndexOf('\n') + 1)..]);
            Assert.True(marker.Success, $"{page}: a ```csharp block at offset {block.Index} has no <!-- snippet: NAME --> marker above it.");
            var name = marker.Groups[1].Value;
            Assert.True(snippets.ContainsKey(name), $"{page}: snippet '{name}' is not a region of samples/Integration.Snippets.");
            Assert.True(snippets[name] == block.Groups[1].Value.TrimEnd(), $"{page}: snippet '{name}' differs from its region; run python3 eng/sync-snippets.py.");
        }
    }

    private static Dictionary<string, string> Snippets()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "samples", "Integration.Snippets"), "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllText(file).ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var start = RegionStart().Match(lines[i]);
                if (!start.Success)
                {
                    continue;
                }

                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "#endregion");
                var body = lines[(i + 1)..end];
                var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
                found[start.Groups[1].Value] = string.Join('\n', body.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()).TrimEnd())).Trim('\n');
            }
        }

        return found;
    }

    private static string FindRoot()
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

    [GeneratedRegex(@"```csharp\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^<!-- snippet: (\S+) -->$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^\s*#region snippet:(\S+)")]
    private static partial Regex RegionStart();
}
