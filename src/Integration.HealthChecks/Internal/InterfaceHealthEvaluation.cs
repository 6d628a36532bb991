using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integration;

/// <summary>Turns one interface's health in a snapshot into a check result: the worst status of its problems, and the data.</summary>
internal static class InterfaceHealthEvaluation
{
    public static HealthCheckResult Evaluate(InterfaceHealth health, DateTimeOffset at, ExecutionHealthOptions options)
    {
        var overview = health.Overview;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["interface"] = overview.Interface.Id,
            ["snapshotAt"] = at,
            ["lastStatus"] = overview.LastExecution?.Status.ToString() ?? "None",
            ["consecutiveKo"] = health.ConsecutiveKo,
            ["okToday"] = overview.OkToday,
            ["koToday"] = overview.KoToday,
            ["overdue"] = health.OverdueSince is not null,
            ["staleDaily"] = false,
            ["overMaxDuration"] = false,
            ["paused"] = overview.IsPaused,
        };
        var status = HealthStatus.Healthy;
        var problems = new List<string>();

        if (overview.LastExecution is { } last)
        {
            data["lastExecutionId"] = last.Id.ToString();
            data["lastStartedAt"] = last.StartedAt;
        }

        if (overview.LastKo is { } ko)
        {
            data["lastKoExecutionId"] = ko.Id.ToString();
            data["lastKoAt"] = ko.EndedAt ?? ko.StartedAt;
            if (overview.LastKoFirstError is { } category)
            {
                data["lastKoCategory"] = category.ToString();
            }
        }

        if (overview.LastExecution?.Status == ExecutionStatus.KO)
        {
            var category = overview.LastKoFirstError is { } c ? $" ({c})" : string.Empty;
            Add(options.LastKoStatus, $"the last execution ended KO{category}, {health.ConsecutiveKo} in a row");
        }

        if (health.OverdueSince is { } due)
        {
            data["overdueSince"] = due;
            Add(options.OverdueStatus, $"overdue: no execution started for the occurrence of {due:O} within {options.OverdueGrace}");
        }

        if (overview.Running is { } running)
        {
            data["runningExecutionId"] = running.Id.ToString();
            data["runningSince"] = running.StartedAt;
            if (overview.StaleDaily(at, options.StaleDailyGrace) is not null)
            {
                data["staleDaily"] = true;
                Add(options.StaleDailyStatus, $"the daily execution {running.Id} of a previous day is still running after {overview.TodayStart:O} plus {options.StaleDailyGrace}");
            }
            else if (overview.OverMaxDuration(at) is not null)
            {
                data["overMaxDuration"] = true;
                Add(options.OverMaxDurationStatus, $"the execution {running.Id} is running past its maximum duration of {overview.Interface.Schedule.MaxDuration}");
            }
        }

        if (overview.ScheduleState is { Paused: true } pause)
        {
            if (pause.ChangedBy is not null)
            {
                data["pausedBy"] = pause.ChangedBy;
            }

            if (pause.ChangedAt is { } pausedAt)
            {
                data["pausedAt"] = pausedAt;
            }

            if (pause.Reason is not null)
            {
                data["pauseReason"] = pause.Reason;
            }

            Add(options.PausedStatus, "the schedule is paused");
        }

        var description = problems.Count == 0 ? $"{overview.Interface.Id}: healthy" : $"{overview.Interface.Id}: {string.Join("; ", problems)}";
        return new HealthCheckResult(status, description, data: data);

        void Add(HealthStatus problemStatus, string problem)
        {
            problems.Add(problem);
            status = problemStatus < status ? problemStatus : status;
        }
    }
}
