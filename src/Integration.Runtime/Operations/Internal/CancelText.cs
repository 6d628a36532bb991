using System.Globalization;

namespace Integration;

/// <summary>What a cancelled execution's log says about who asked (after "Cancelled: ").</summary>
internal static class CancelText
{
    /// <summary>A cancel asked on the node that runs the execution.</summary>
    public static string Delivered(string? actor) => $"{Who(actor)} asked";

    /// <summary>A cancel asked on any node and stored on the execution, read by its heartbeat.</summary>
    public static string Requested(CancelRequest request)
        => string.Create(CultureInfo.InvariantCulture, $"{Who(request.RequestedBy)} asked at {request.RequestedAt:O} (a request stored on the execution)");

    private static string Who(string? actor) => actor ?? "an operator";
}
