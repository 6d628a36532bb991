namespace Integration;

/// <summary>Where an exception being classified was raised.</summary>
/// <param name="Interface">The interface whose execution raised it.</param>
/// <param name="ExecutionId">The execution.</param>
public readonly record struct ErrorClassificationContext(InterfaceDefinition Interface, ExecutionId ExecutionId);
