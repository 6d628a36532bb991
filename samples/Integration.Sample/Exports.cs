namespace Integration.Sample;

/// <summary>Writes what an expert needs about an execution.</summary>
internal static class Exports
{
    public static Task<IReadOnlyList<string>> WriteAsync(IServiceProvider services, Execution execution, string folder, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<string>>([]);
}
