namespace Integration;

/// <summary>
/// Gives the category of an exception raised in an execution. Classifiers registered by the host are asked
/// first, in registration order; the first one that answers wins; the built-in rules come last.
/// </summary>
public interface IErrorClassifier
{
    /// <summary>Classifies an exception.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="context">Where it was raised.</param>
    /// <returns>The category, or null when this classifier has no opinion.</returns>
    ErrorCategory? Classify(Exception exception, ErrorClassificationContext context);
}
