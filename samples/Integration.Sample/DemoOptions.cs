namespace Integration.Sample;

/// <summary>The sample's command line: <c>[--store sqlite|memory] [--serve] [--exports DIR]</c>.</summary>
public sealed record DemoOptions
{
    /// <summary>Gets the store: <c>sqlite</c> (a file in the working folder) or <c>memory</c>.</summary>
    public string Store { get; init; } = "sqlite";

    /// <summary>Gets a value indicating whether to keep running on the real schedules after the demo.</summary>
    public bool Serve { get; init; }

    /// <summary>Gets where the .xlsx exports of KO executions go.</summary>
    public string ExportsFolder { get; init; } = "exports";

    /// <summary>Gets the folder the SQLite file goes in.</summary>
    public string DataFolder { get; init; } = ".";

    /// <summary>Reads the command line.</summary>
    /// <exception cref="ArgumentException">An argument is unknown.</exception>
    public static DemoOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DemoOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--store" when i + 1 < args.Count && args[i + 1] is "sqlite" or "memory" => options with { Store = args[++i] },
                "--serve" => options with { Serve = true },
                "--exports" when i + 1 < args.Count => options with { ExportsFolder = args[++i] },
                "--data" when i + 1 < args.Count => options with { DataFolder = args[++i] },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--store sqlite|memory] [--serve] [--exports DIR] [--data DIR]"),
            };
        }

        return options;
    }
}
