namespace Integration;

internal sealed class ErrorClassification(ErrorClassifierChain chain) : IErrorClassification
{
    public ErrorCategory Classify(Exception exception, ErrorClassificationContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return chain.Classify(exception, context);
    }
}
