namespace Integration;

/// <summary>Fills <see cref="NotificationOptions.ConsoleLink"/>'s placeholders.</summary>
internal static class ConsoleLinks
{
    public const string ExecutionPlaceholder = "{executionId}";
    public const string InterfacePlaceholder = "{interfaceId}";

    public static Uri? For(string? template, string interfaceId, ExecutionId? executionId)
    {
        if (template is null)
        {
            return null;
        }

        if (template.Contains(ExecutionPlaceholder, StringComparison.Ordinal))
        {
            if (executionId is not { } id)
            {
                return null;
            }

            template = template.Replace(ExecutionPlaceholder, Uri.EscapeDataString(id.ToString()), StringComparison.Ordinal);
        }

        var link = template.Replace(InterfacePlaceholder, Uri.EscapeDataString(interfaceId), StringComparison.Ordinal);
        return Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri : null;
    }
}
