using System.Globalization;

namespace Integration.Benchmarks;

/// <summary>
/// What <see cref="ScaleSimulation"/> simulates: the defaults are issue 16's day (1,000 interfaces every 5 minutes,
/// 5 real-time APIs, 3 hosts, 24 hours); <c>--short</c> simulates the first 2 hours of it.
/// </summary>
internal sealed record ScaleSimulationOptions
{
    /// <summary>Gets the number of scheduled interfaces, each on <see cref="Cron"/>.</summary>
    public int Interfaces { get; init; } = 1000;

    /// <summary>Gets the scheduled interfaces' cron expression (UTC).</summary>
    public string Cron { get; init; } = "*/5 * * * *";

    /// <summary>Gets the number of real-time (inbound) APIs.</summary>
    public int Apis { get; init; } = 5;

    /// <summary>Gets each API's steady call rate, in calls per simulated second.</summary>
    public double CallsPerSecond { get; init; } = 1;

    /// <summary>Gets the number of hosts sharing the database (and the fake clock).</summary>
    public int Hosts { get; init; } = 3;

    /// <summary>Gets the simulated span, from midnight.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Gets one scheduled execution in how many that logs an error (and ends KO).</summary>
    public int OneKoIn { get; init; } = 100;

    /// <summary>Gets whether the schema is kept after the run (to inspect it); it is dropped otherwise.</summary>
    public bool KeepSchema { get; init; }

    /// <summary>Reads the options from the command line (<c>--short</c>, <c>--hours N</c>, <c>--interfaces N</c>, <c>--calls-per-second R</c>, <c>--hosts N</c>, <c>--keep</c>).</summary>
    public static ScaleSimulationOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ScaleSimulationOptions();
        if (args.Contains("--short"))
        {
            options = options with { Span = TimeSpan.FromHours(2) };
        }

        for (var i = 0; i < args.Count - 1; i++)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--hours" => options with { Span = TimeSpan.FromHours(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--interfaces" => options with { Interfaces = int.Parse(value, CultureInfo.InvariantCulture) },
                "--calls-per-second" => options with { CallsPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--hosts" => options with { Hosts = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => options,
            };
        }

        return options with { KeepSchema = args.Contains("--keep") };
    }
}
