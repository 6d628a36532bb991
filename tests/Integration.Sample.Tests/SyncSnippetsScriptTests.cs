using System.Diagnostics;

namespace Integration.Sample.Tests;

/// <summary>
/// eng/sync-snippets.py, run on a scratch copy of the layout it expects: it fills an empty block without touching the
/// text after it (its old regex swallowed everything up to the next block), and --check fails on a broken rule.
/// </summary>
public sealed class SyncSnippetsScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sync-snippets-").FullName;

    public SyncSnippetsScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "docs"));
        Directory.CreateDirectory(Path.Combine(_root, "samples", "Integration.Snippets"));
        Write("samples/Integration.Snippets/S.cs", "class S\n{\n    void M()\n    {\n        #region snippet:a\n        A();\n        #endregion\n        #region snippet:b\n        B();\n        #endregion\n    }\n}\n");
        Write("README.md", "# R\n");
        Write("docs/headings.txt", "[README.md]\n# R\n\n[docs/p.md]\n# P\n## One\n## Two\n");
    }

    [Fact]
    public async Task Sync_FillsAnEmptyBlock_AndKeepsTheSectionAfterIt()
    {
        Write("docs/p.md", "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\n```\n\n## Two\n\nThis section is kept.\n\n<!-- snippet: b -->\n```csharp\n```\n");

        var (exit, output) = await Run();

        Assert.True(exit == 0, output);
        Assert.Equal(
            "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```\n\n## Two\n\nThis section is kept.\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n",
            File.ReadAllText(Path.Combine(_root, "docs", "p.md")));
    }

    [Fact]
    public async Task Sync_RepairsABlockAnOldSyncBroke_WithoutTouchingTheText()
    {
        Write("docs/p.md", "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```csharp\n```\n\n## Two\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n");

        var (exit, output) = await Run();

        Assert.Equal(1, exit); // the fence inside the block is reported: the text it swallowed must be restored by hand
        Assert.Contains("docs/p.md:8: a code fence inside a ```csharp block", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BrokenPages() => new()
    {
        { "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n", "docs/p.md: lost the heading \"## Two\" listed in docs/headings.txt" },
        { "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```\n\n## Two\n", "samples/Integration.Snippets: region b is used by no page" },
        { "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```\n\n## Two\n\n<!-- snippet: b -->\n```csharp\nB();\n```\n\n<!-- snippet: c -->\n```csharp\n```\n", "docs/p.md: marker c has no region in samples/Integration.Snippets" },
        { "# P\n\n## One\n\n<!-- snippet: a -->\n```csharp\nA();\n```\n\n## Two\n\n<!-- snippet: b -->\n```csharp\nOld();\n```\n", "docs/p.md: out of date" },
    };

    [Theory]
    [MemberData(nameof(BrokenPages))]
    public async Task Check_FailsAndNamesTheBrokenRule(string page, string expected)
    {
        Write("docs/p.md", page);

        var (exit, output) = await Run("--check");

        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Equal(page, File.ReadAllText(Path.Combine(_root, "docs", "p.md"))); // --check writes nothing
    }

    [Fact]
    public async Task Check_PassesOnTheRepositorysDocs()
    {
        var (exit, output) = await Run("--check", DocsTests.FindRoot());

        Assert.True(exit == 0, output);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text) => File.WriteAllText(Path.Combine(_root, path), text);

    private async Task<(int Exit, string Output)> Run(string? check = null, string? root = null)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(DocsTests.FindRoot(), "eng", "sync-snippets.py"));
        if (check is not null)
        {
            start.ArgumentList.Add(check);
        }

        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root ?? _root);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
