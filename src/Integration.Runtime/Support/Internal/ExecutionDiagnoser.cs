using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Diagnoses executions from what the store holds: root errors, contacts, re-run advice, API-support triage.</summary>
internal sealed class ExecutionDiagnoser(IExecutionStore store, IInterfaceCatalog catalog, IOptions<SupportOptions> options, TimeProvider time)
{
    public async ValueTask<ExecutionDiagnosis> DiagnoseAsync(ExecutionId executionId, CancellationToken cancellationToken)
    {
        var execution = await store.GetAsync(executionId, cancellationToken).ConfigureAwait(false)
            ?? throw new ExecutionNotFoundException(executionId);
        var settings = options.Value;
        catalog.TryGet(execution.InterfaceId, out var definition);
        var now = time.GetUtcNow();

        var scan = await ScanErrorsAsync(execution, definition, settings, cancellationToken).ConfigureAwait(false);
        var original = execution.RerunOf is { } originalId
            ? await store.GetAsync(originalId, cancellationToken).ConfigureAwait(false)
            : null;
        var failedExternally = execution.Status == ExecutionStatus.KO && (scan.Errors.External > 0 || execution.Errors.External > 0);
        var latestRerun = failedExternally || execution.Status == ExecutionStatus.Abandoned
            ? await FindLatestRerunAsync(execution, cancellationToken).ConfigureAwait(false)
            : null;
        var automatic = failedExternally ? await FindAutomaticRerunAsync(execution, definition, cancellationToken).ConfigureAwait(false) : null;

        return new ExecutionDiagnosis
        {
            Execution = execution,
            Interface = definition,
            DiagnosedAt = now,
            RootErrors = scan.Roots,
            Errors = execution.IsEnded && execution.Errors.Total >= scan.Errors.Total ? execution.Errors : scan.Errors,
            Contacts = Contacts(execution, definition, scan.Roots, settings),
            MaxDuration = definition?.Schedule.MaxDuration,
            Elapsed = execution.Duration ?? (now - execution.StartedAt),
            RerunAdvice = automatic is { IsPending: true } ? RerunAdvice.None : Advise(execution, failedExternally, original, latestRerun),
            AutomaticRerun = automatic,
            LatestRerun = latestRerun,
            Original = original,
            IsProbablyApiIntegration = await IsProbablyApiIntegrationAsync(execution, definition, cancellationToken).ConfigureAwait(false),
            FailedCalls = scan.Calls,
            FailedCallCount = scan.CallCount,
            Actions = await store.ReadExecutionActionsAsync(execution.Id, ExecutionDiagnosis.MaxActions, cancellationToken).ConfigureAwait(false),
        };
    }

    private async ValueTask<ErrorScan> ScanErrorsAsync(Execution execution, InterfaceDefinition? definition, SupportOptions settings, CancellationToken cancellationToken)
    {
        var scan = new ErrorScan(settings.RootErrorCount, settings.FailedCallCount, definition?.Direction ?? InterfaceDirection.Outbound);

        // The stored counts are final once ended; only a daily execution (its calls) or a running one needs every error line.
        var readAll = execution.Kind == ExecutionKind.Daily || !execution.IsEnded;
        await foreach (var page in store.ReadLogPagesAsync(execution.Id, ExecutionLogLevel.Error, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var line in page)
            {
                scan.Add(line, execution.Kind == ExecutionKind.Daily);
            }

            if (!readAll && scan.RootsComplete)
            {
                break;
            }
        }

        return scan;
    }

    private static List<SupportContact> Contacts(Execution execution, InterfaceDefinition? definition, IReadOnlyList<LogEntry> roots, SupportOptions settings)
    {
        var contacts = new List<SupportContact>();
        foreach (var category in roots.Select(r => r.Category ?? ErrorCategory.Technical).Distinct())
        {
            contacts.Add(SupportContacts.For(category, definition, settings.SupportContact));
        }

        if (contacts.Count == 0 && execution.Status is ExecutionStatus.KO or ExecutionStatus.Abandoned)
        {
            contacts.Add(SupportContacts.Support(settings.SupportContact, category: null));
        }

        return contacts;
    }

    private static RerunAdvice Advise(Execution execution, bool failedExternally, Execution? original, Execution? latestRerun)
    {
        if (execution.Kind == ExecutionKind.Daily || latestRerun is { Status: ExecutionStatus.OK })
        {
            return RerunAdvice.None;
        }

        if (failedExternally && (FailedExternally(original) || FailedExternally(latestRerun)))
        {
            return RerunAdvice.ContactProvider;
        }

        return (failedExternally || execution.Status == ExecutionStatus.Abandoned) && latestRerun is null
            ? RerunAdvice.Rerun
            : RerunAdvice.None;
    }

    private static bool FailedExternally(Execution? execution)
        => execution is { Status: ExecutionStatus.KO, Errors.External: > 0 };

    private async ValueTask<AutomaticRerun?> FindAutomaticRerunAsync(Execution execution, InterfaceDefinition? definition, CancellationToken cancellationToken)
    {
        if (execution.Kind != ExecutionKind.Scheduled || definition?.Schedule.ExternalFailureRetry is not { } policy)
        {
            return null;
        }

        var request = await store.GetRunRequestAsync(ExternalFailureRetries.RequestId(execution.Id), cancellationToken).ConfigureAwait(false);
        return request is { DueAt: { } due, Attempt: { } attempt }
            ? new AutomaticRerun(attempt, policy.MaxAttempts, due, request.ExecutionId)
            : null;
    }

    // The store indexes RerunOf: the newest re-run is the first row of one short query, however long the history.
    private async ValueTask<Execution?> FindLatestRerunAsync(Execution execution, CancellationToken cancellationToken)
    {
        var page = await store.QueryAsync(new ExecutionQuery { RerunOf = execution.Id, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    private async ValueTask<bool> IsProbablyApiIntegrationAsync(Execution execution, InterfaceDefinition? definition, CancellationToken cancellationToken)
    {
        if (definition is null || !definition.Type.IsApiSupportType)
        {
            return false;
        }

        if (execution.Kind != ExecutionKind.Daily)
        {
            return false;
        }

        var scheduled = await store.QueryAsync(
            new ExecutionQuery { InterfaceId = execution.InterfaceId, Kind = ExecutionKind.Scheduled, Limit = 1 },
            cancellationToken).ConfigureAwait(false);
        return scheduled.Items.Count == 0;
    }
}
