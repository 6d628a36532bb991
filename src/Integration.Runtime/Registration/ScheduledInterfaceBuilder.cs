namespace Integration;

/// <summary>Registers a scheduled interface: its cron, time zone and guards.</summary>
public sealed class ScheduledInterfaceBuilder : InterfaceBuilderBase<ScheduledInterfaceBuilder>
{
    private string? _cron;
    private string _timeZoneId = "UTC";
    private bool _enabled = true;
    private TimeSpan _maxDuration = ScheduleDefinition.DefaultMaxDuration;
    private DurationPolicy _durationPolicy = DurationPolicy.Flag;
    private OverlapPolicy _overlapPolicy = OverlapPolicy.Skip;
    private MisfirePolicy _misfirePolicy = MisfirePolicy.RunOnce;
    private int _maxMisfireRuns = ScheduleDefinition.DefaultMaxMisfireRuns;
    private ExternalFailureRetry? _externalFailureRetry;

    internal ScheduledInterfaceBuilder(string interfaceId)
        : base(interfaceId)
    {
    }

    /// <summary>Sets when the interface runs.</summary>
    /// <param name="expression">A cron expression in Cronos syntax: five fields, or six with seconds first.</param>
    /// <param name="timeZoneId">The IANA id of the time zone the expression is read in; defaults to UTC.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The expression is invalid or never fires, or the time zone is unknown.</exception>
    public ScheduledInterfaceBuilder Cron(string expression, string timeZoneId = "UTC")
    {
        _ = CronSchedule.Parse(InterfaceId, expression, TimeZones.Find(InterfaceId, timeZoneId));
        _cron = expression;
        _timeZoneId = timeZoneId;
        return this;
    }

    /// <summary>Sets whether the scheduler fires the interface; true by default. A disabled interface can still be run now.</summary>
    /// <param name="enabled">Whether it is enabled.</param>
    /// <returns>This builder.</returns>
    public ScheduledInterfaceBuilder Enabled(bool enabled = true)
    {
        _enabled = enabled;
        return this;
    }

    /// <summary>Sets the duration past which the duration guard flags an execution; one hour by default.</summary>
    /// <param name="maxDuration">The maximum duration, greater than zero.</param>
    /// <param name="policy">What the guard does then: flag (the default), or flag and cancel.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDuration"/> is not greater than zero.</exception>
    public ScheduledInterfaceBuilder MaxDuration(TimeSpan maxDuration, DurationPolicy policy = DurationPolicy.Flag)
    {
        if (maxDuration <= TimeSpan.Zero || maxDuration > TimeSpan.FromDays(24))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDuration), maxDuration, $"Interface '{InterfaceId}': the maximum duration must be greater than zero and at most 24 days.");
        }

        _maxDuration = maxDuration;
        _durationPolicy = policy;
        return this;
    }

    /// <summary>Sets what happens when the schedule fires while one of its executions runs; <see cref="OverlapPolicy.Skip"/> by default.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public ScheduledInterfaceBuilder OnOverlap(OverlapPolicy policy)
    {
        _overlapPolicy = policy;
        return this;
    }

    /// <summary>Sets what the scheduler does with occurrences missed while the host was down; <see cref="MisfirePolicy.RunOnce"/> by default.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="maxRuns">Under <see cref="MisfirePolicy.RunAll"/>, the most executions created for missed occurrences; greater than zero.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRuns"/> is not greater than zero.</exception>
    public ScheduledInterfaceBuilder OnMisfire(MisfirePolicy policy, int maxRuns = ScheduleDefinition.DefaultMaxMisfireRuns)
    {
        if (maxRuns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRuns), maxRuns, $"Interface '{InterfaceId}': the misfire cap must be greater than zero.");
        }

        _misfirePolicy = policy;
        _maxMisfireRuns = maxRuns;
        return this;
    }

    /// <summary>
    /// Re-runs, by itself, an execution that ends KO because the external system failed (its first error is
    /// <see cref="ErrorCategory.External"/>): the first re-run about <paramref name="firstDelay"/> after the failure, each
    /// next one twice as long after the one before it (with jitter), up to <paramref name="maxAttempts"/> re-runs, each on
    /// the failed execution's window, linked to it (<see cref="Execution.RerunOf"/>) and triggered
    /// <see cref="ExecutionTrigger.Retry"/>. A re-run is stored before the failure is recorded, so a restart does not lose
    /// it, and exactly one node starts it. Configuration, Mapping and Technical failures are never re-run; when the last
    /// re-run fails too, the notifiers are told to contact the provider (<see cref="NotificationKind.RetriesExhausted"/>).
    /// Off by default.
    /// </summary>
    /// <param name="maxAttempts">How many re-runs follow the first failure, at most; 1 to 20.</param>
    /// <param name="firstDelay">The delay before the first re-run; 1 second to 1 day.</param>
    /// <param name="maxDelay">The longest delay between a failure and its re-run; one day when null, and never below <paramref name="firstDelay"/>.</param>
    /// <param name="useJitter">Whether each delay is spread by a random ±25 %; true by default.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ScheduledInterfaceBuilder RetryExternalFailures(int maxAttempts, TimeSpan firstDelay, TimeSpan? maxDelay = null, bool useJitter = true)
    {
        if (maxAttempts is < 1 or > ExternalFailureRetry.MaxAllowedAttempts)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, $"Interface '{InterfaceId}': the number of automatic re-runs must be between 1 and {ExternalFailureRetry.MaxAllowedAttempts}.");
        }

        if (firstDelay < TimeSpan.FromSeconds(1) || firstDelay > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(firstDelay), firstDelay, $"Interface '{InterfaceId}': the delay before the first automatic re-run must be between 1 second and 1 day.");
        }

        var cap = maxDelay ?? TimeSpan.FromDays(1);
        if (cap < firstDelay || cap > TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay, $"Interface '{InterfaceId}': the longest delay between automatic re-runs must be at least the first delay ({firstDelay}) and at most 7 days.");
        }

        _externalFailureRetry = new ExternalFailureRetry { MaxAttempts = maxAttempts, FirstDelay = firstDelay, MaxDelay = cap, UseJitter = useJitter };
        return this;
    }

    internal InterfaceRegistration Build(Type connectorType)
    {
        if (_cron is null)
        {
            throw new ArgumentException($"Interface '{InterfaceId}' is scheduled but has no cron expression; call Cron(\"…\", \"Europe/Zurich\") when registering it.");
        }

        var zone = TimeZones.Find(InterfaceId, _timeZoneId);
        var definition = new InterfaceDefinition
        {
            Id = InterfaceId,
            DisplayName = DisplayNameValue ?? InterfaceId,
            Type = TypeValue,
            Provider = ProviderValue,
            ConfigurationOwner = ConfigurationOwnerValue,
            MappingOwner = MappingOwnerValue,
            Mode = InterfaceMode.Scheduled,
            Direction = InterfaceDirection.Outbound,
            ConnectorType = connectorType,
            Schedule = new ScheduleDefinition
            {
                Id = InterfaceId,
                Cron = _cron,
                TimeZoneId = _timeZoneId,
                Enabled = _enabled,
                MaxDuration = _maxDuration,
                DurationPolicy = _durationPolicy,
                OverlapPolicy = _overlapPolicy,
                MisfirePolicy = _misfirePolicy,
                MaxMisfireRuns = _maxMisfireRuns,
                ExternalFailureRetry = _externalFailureRetry,
            },
        };
        return new InterfaceRegistration(definition, zone, CronSchedule.Parse(InterfaceId, _cron, zone));
    }
}
