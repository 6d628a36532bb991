using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("Integration.Storage.PostgreSql.Tests.PostgresTestFramework", "Integration.Storage.PostgreSql.Tests")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>
/// Gives the conformance suite's inherited plain <see cref="FactAttribute"/> tests the same skip rule as
/// <see cref="PostgresFactAttribute"/>: the suite runs unchanged, and skips only where PostgreSQL is unreachable outside CI.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo)
        => new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sources, IMessageSink sink)
        : XunitTestFrameworkDiscoverer(assembly, sources, sink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var fact = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).FirstOrDefault();
            if (fact is null || fact is not IReflectionAttributeInfo { Attribute: { } attribute } || attribute.GetType() != typeof(FactAttribute))
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var testCase = new PostgresTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
            return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
        }
    }
}
