namespace Integration.Dashboard.Internal;

/// <summary>
/// What the endpoint hands to the page it renders (one per request): the components read it by injection, so their
/// parameters, and the console's view types, stay internal.
/// </summary>
internal sealed class PageState
{
    /// <summary>Gets or sets the relative path from the page to the console's root, e.g. <c>./</c> or <c>../</c>: every link is relative, so the console works behind a path base or a proxy.</summary>
    public string Root { get; set; } = "./";

    public string Title { get; set; } = "Integrations";

    public object? Model { get; set; }

    public bool CanOperate { get; set; }

    public string AntiforgeryField { get; set; } = string.Empty;

    public string AntiforgeryToken { get; set; } = string.Empty;

    /// <summary>Gets or sets what the last action did, shown once at the top of the page (from the redirect's query string).</summary>
    public string? Notice { get; set; }

    public T Get<T>() where T : class => Model as T ?? throw new InvalidOperationException($"The page expected a {typeof(T).Name}.");
}
