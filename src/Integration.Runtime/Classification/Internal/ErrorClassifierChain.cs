using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>Asks the host's classifiers in registration order, then the built-in rules. Never fails: a classifier that throws is skipped.</summary>
internal sealed class ErrorClassifierChain(IEnumerable<IErrorClassifier> classifiers, ILogger<ErrorClassifierChain> logger) : IErrorClassification
{
    private readonly IErrorClassifier[] _classifiers = classifiers.ToArray();

    public ErrorCategory Classify(Exception exception, ErrorClassificationContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Classify(exception, context, out _);
    }

    /// <summary>Classifies an exception and says whether its category was stated.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="context">Where it was raised.</param>
    /// <param name="stated">
    /// True when a classifier answered for this exception (a host's classifier, or a built-in rule that recognises it:
    /// a typed <see cref="IntegrationException"/>, an HTTP status, a network failure…); false when only the fallback
    /// (Technical) applies. A failure whose category was stated is never turned into a cascade.
    /// </param>
    /// <returns>The category.</returns>
    public ErrorCategory Classify(Exception exception, ErrorClassificationContext context, out bool stated)
    {
        foreach (var classifier in _classifiers)
        {
            try
            {
                if (classifier.Classify(exception, context) is { } category)
                {
                    stated = true;
                    return category;
                }
            }
            catch (Exception e)
            {
                Log.ClassifierFailed(logger, e, classifier.GetType().FullName ?? classifier.GetType().Name, context.Interface.Id);
            }
        }

        var recognised = DefaultErrorClassifier.Recognise(exception);
        stated = recognised is not null;
        return recognised ?? ErrorCategory.Technical;
    }
}
