using Xunit.Abstractions;
using Xunit.Sdk;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A plain fact whose skip reason is PostgreSQL's availability.</summary>
public sealed class PostgresTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer only.", error: true)]
    public PostgresTestCase()
    {
    }

    public PostgresTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) => PostgresAvailability.SkipReason ?? base.GetSkipReason(factAttribute);
}
