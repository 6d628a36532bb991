namespace Integration.Sample.Tests;

/// <summary>A ```csharp block of a page: its snippet name, the line of its opening fence (1-based) and its body.</summary>
internal sealed record SnippetBlock(string Name, int Line, string Body);
