using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>Asks the host's classifiers in registration order, then the built-in rules. Never fails: a classifier that throws is skipped.</summary>
internal sealed class ErrorClassifierChain(IEnumerable<IErrorClassifier> classifiers, ILogger<ErrorClassifierChain> logger)
{
    private readonly IErrorClassifier[] _classifiers = classifiers.ToArray();

    public ErrorCategory Classify(Exception exception, ErrorClassificationContext context)
    {
        foreach (var classifier in _classifiers)
        {
            try
            {
                if (classifier.Classify(exception, context) is { } category)
                {
                    return category;
                }
            }
            catch (Exception e)
            {
                Log.ClassifierFailed(logger, e, classifier.GetType().FullName ?? classifier.GetType().Name, context.Interface.Id);
            }
        }

        return DefaultErrorClassifier.Instance.Classify(exception, context) ?? ErrorCategory.Technical;
    }
}
