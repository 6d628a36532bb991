namespace Integration.Snippets.Model;

/// <summary>A partner's sale, as the snippets use it.</summary>
public sealed record Sale(string Id, string? StoreCode, decimal Amount);

/// <summary>The partner's API client the snippets call.</summary>
public class FnacClient
{
    public virtual Task<IReadOnlyList<Sale>> GetSalesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<Sale>>([]);
}

/// <summary>The host's sales table.</summary>
public class SalesRepository
{
    public virtual Task UpsertAsync(Sale sale, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task InsertAsync(Sale sale, CancellationToken cancellationToken) => Task.CompletedTask;
}
