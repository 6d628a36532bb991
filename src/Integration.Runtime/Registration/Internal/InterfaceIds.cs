namespace Integration;

internal static class InterfaceIds
{
    public const int MaxLength = 100;

    public static void Validate(string interfaceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(interfaceId);
        if (interfaceId.Length > MaxLength)
        {
            throw new ArgumentException($"Interface id '{interfaceId[..20]}…' is longer than {MaxLength} characters.", nameof(interfaceId));
        }

        foreach (var c in interfaceId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException($"Interface id '{interfaceId}' may hold only ASCII letters, digits, '-', '_' and '.'.", nameof(interfaceId));
            }
        }
    }
}
