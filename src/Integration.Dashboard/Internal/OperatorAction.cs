namespace Integration.Dashboard.Internal;

/// <summary>Endpoint metadata: the endpoint acts (needs the operator policy), it does not only show.</summary>
internal sealed class OperatorAction
{
    public static OperatorAction Instance { get; } = new();
}
