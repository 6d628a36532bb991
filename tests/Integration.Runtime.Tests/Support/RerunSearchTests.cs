using Integration.Storage.Conformance;
using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class RerunSearchTests
{
    [Fact]
    public async Task FindingTheRerunOfAnExecution_ReadsOnlyTheRerun_HoweverManyExecutionsCameAfterIt()
    {
        await using var memory = Harness.Create();
        var counting = new RowCountingStore(memory.Store);
        await using var h = Harness.Create(store: counting);
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var failed = await h.RunNowAsync();
        h.Scripts.Set("sales", _ => { });
        for (var i = 0; i < 300; i++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));
            await h.RunNowAsync();
        }

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var rerun = await (await h.Operations.RerunAsync(failed.Id)).Completion;
        counting.Rows = 0;

        var diagnosis = await h.Provider.GetRequiredService<IExecutionSupport>().DiagnoseAsync(failed.Id);

        Assert.Equal(rerun.Id, diagnosis.LatestRerun?.Id);
        Assert.Equal(RerunAdvice.None, diagnosis.RerunAdvice);
        Assert.InRange(counting.Rows, 1, 2);
    }

    /// <summary>Counts the executions the store's queries return.</summary>
    private sealed class RowCountingStore(IExecutionStore inner) : DelegatingStore(inner)
    {
        public int Rows { get; set; }

        public override async ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
        {
            var page = await Inner.QueryAsync(query, cancellationToken);
            Rows += page.Items.Count;
            return page;
        }
    }
}
