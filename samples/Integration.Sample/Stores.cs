namespace Integration.Sample;

/// <summary>Chooses the store from the command line.</summary>
internal static class Stores
{
    public static void Use(IExecutionsBuilder executions, DemoOptions options)
    {
        switch (options.Store)
        {
            case "memory":
                executions.UseInMemoryStore();
                break;
            default:
                throw new ArgumentException($"Unknown store '{options.Store}'.");
        }
    }
}
