namespace Integration;

/// <summary>
/// The host's classifier chain as a service: the classifiers added with
/// <see cref="ExecutionsBuilderExtensions.AddErrorClassifier{TClassifier}(IExecutionsBuilder)"/> in order, then the
/// built-in rules. For components that write their own error lines (such as the HTTP exchange handler) and need the
/// category the chain gives.
/// </summary>
public interface IErrorClassification
{
    /// <summary>Gives the category of an exception; never throws (a classifier that throws is skipped).</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="context">Where it was raised.</param>
    /// <returns>The category.</returns>
    ErrorCategory Classify(Exception exception, ErrorClassificationContext context);
}
