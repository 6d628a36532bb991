namespace Integration;

/// <summary>What a heartbeat learns from the store in one call: whether the lease was renewed, and any cancel request.</summary>
/// <param name="Renewed">True when the node still holds the lease; false when it lost it (see <see cref="IExecutionStore.RenewLeaseAsync"/>).</param>
/// <param name="CancelRequest">The cancel request stored on the execution, if one was made (on any node); null otherwise.</param>
public sealed record LeaseRenewal(bool Renewed, CancelRequest? CancelRequest);
