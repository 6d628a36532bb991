using System.Net;

namespace Integration.Tests;

/// <summary>What each unsuccessful status a partner answers means by default (docs/concepts.md keeps the same table).</summary>
public sealed class HttpStatusCategoryTests
{
    public static TheoryData<int, ErrorCategory> Statuses => new()
    {
        { 400, ErrorCategory.Mapping },
        { 401, ErrorCategory.Configuration },
        { 402, ErrorCategory.Technical },
        { 403, ErrorCategory.Configuration },
        { 404, ErrorCategory.Configuration },
        { 405, ErrorCategory.Technical },
        { 406, ErrorCategory.Technical },
        { 407, ErrorCategory.Configuration },
        { 408, ErrorCategory.External },
        { 409, ErrorCategory.Technical },
        { 410, ErrorCategory.Configuration },
        { 411, ErrorCategory.Technical },
        { 412, ErrorCategory.Technical },
        { 413, ErrorCategory.Technical },
        { 414, ErrorCategory.Technical },
        { 415, ErrorCategory.Technical },
        { 416, ErrorCategory.Technical },
        { 417, ErrorCategory.Technical },
        { 418, ErrorCategory.Technical },
        { 421, ErrorCategory.Technical },
        { 422, ErrorCategory.Mapping },
        { 423, ErrorCategory.Technical },
        { 424, ErrorCategory.Technical },
        { 425, ErrorCategory.Technical },
        { 426, ErrorCategory.Technical },
        { 428, ErrorCategory.Technical },
        { 429, ErrorCategory.External },
        { 431, ErrorCategory.Technical },
        { 451, ErrorCategory.Technical },
        { 499, ErrorCategory.Technical },
        { 500, ErrorCategory.External },
        { 501, ErrorCategory.External },
        { 502, ErrorCategory.External },
        { 503, ErrorCategory.External },
        { 504, ErrorCategory.External },
        { 505, ErrorCategory.External },
        { 507, ErrorCategory.External },
        { 511, ErrorCategory.External },
        { 599, ErrorCategory.External },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void AStatus_HasItsDocumentedCategory(int status, ErrorCategory expected)
        => Assert.Equal(expected, DefaultErrorClassifier.FromStatus((HttpStatusCode)status));

    [Theory]
    [MemberData(nameof(Statuses))]
    public void AnHttpRequestExceptionCarryingTheStatus_IsClassifiedTheSame(int status, ErrorCategory expected)
    {
        var exception = new HttpRequestException($"status {status}", null, (HttpStatusCode)status);

        Assert.Equal(expected, DefaultErrorClassifier.Instance.Classify(exception, default));
    }
}
