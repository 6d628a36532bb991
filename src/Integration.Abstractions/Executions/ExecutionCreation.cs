namespace Integration;

/// <summary>What <see cref="IExecutionStore.CreateAsync"/> returns.</summary>
/// <param name="Execution">The execution holding the unique key: the new one, or the one created before.</param>
/// <param name="Created">True when this call created it; false when one with the same unique key existed.</param>
public readonly record struct ExecutionCreation(Execution Execution, bool Created);
