namespace Integration;

/// <summary>
/// What the host's own log may say of a request's URL: its scheme, host, port and path. User info, query and
/// fragment are left out, as the execution's log (masked by the runtime) is where an exchange is recorded in full.
/// </summary>
internal static class TargetText
{
    public static string? ForHostLog(string? target)
        => target is not null && Uri.TryCreate(target, UriKind.Absolute, out var uri) && !uri.IsFile
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : null;
}
