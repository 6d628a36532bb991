namespace Integration.Sample;

/// <summary>Chooses the store from the command line.</summary>
internal static class Stores
{
    public static void Use(IExecutionsBuilder executions, DemoOptions options)
    {
        switch (options.Store)
        {
            case "sqlite":
                executions.UseSqliteStore($"Data Source={Path.Combine(options.DataFolder, "integration-sample.db")}");
                break;
            case "memory":
                executions.UseInMemoryStore();
                break;
            default:
                throw new ArgumentException($"Unknown store '{options.Store}'.");
        }
    }
}
