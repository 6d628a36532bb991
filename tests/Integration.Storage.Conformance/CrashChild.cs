using System.Diagnostics;
using System.Globalization;

namespace Integration.Storage.Conformance;

/// <summary>
/// Runs the crash host (tests/Integration.Storage.CrashHost) as a child process with <c>dotnet &lt;dll&gt;</c>, lets it
/// append lines, kills it with SIGKILL, and checks what the store kept.
/// </summary>
public static class CrashChild
{
    /// <summary>Starts the child on a store, waits until it reported <paramref name="linesBeforeKill"/> acknowledged lines, and kills it.</summary>
    /// <returns>The execution it ran and every line it reported acknowledged (sequence → message), including those read after the kill.</returns>
    public static async Task<(ExecutionId ExecutionId, IReadOnlyDictionary<long, string> Acknowledged)> RunAndKillAsync(string store, string connectionString, int linesBeforeKill)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ChildPath());
        start.ArgumentList.Add(store);
        start.ArgumentList.Add(connectionString);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The crash host did not start.");
        var errors = child.StandardError.ReadToEndAsync();
        ExecutionId? id = null;
        var acknowledged = new Dictionary<long, string>();
        var killed = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("execution ", StringComparison.Ordinal))
                {
                    id = ExecutionId.Parse(line["execution ".Length..]);
                }
                else if (line.StartsWith("appended ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', 3);
                    acknowledged[long.Parse(parts[1], CultureInfo.InvariantCulture)] = parts[2];
                }

                if (!killed && acknowledged.Count >= linesBeforeKill)
                {
                    child.Kill(entireProcessTree: true);
                    killed = true;
                }
            }
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }

        await child.WaitForExitAsync();
        Assert.True(killed, $"The crash host ended by itself (exit code {child.ExitCode}): {await errors}");
        Assert.True(id.HasValue, "The crash host never reported its execution.");
        return (id.Value, acknowledged);
    }

    /// <summary>
    /// Checks the invariant after a crash: the lease is still current until it expires, then one sweep makes the execution
    /// Abandoned (never OK), and every line the child saw acknowledged is in its log, unchanged.
    /// </summary>
    public static async Task AssertAbandonedWithEveryAcknowledgedLineAsync(IExecutionStore store, ExecutionId executionId, IReadOnlyDictionary<long, string> acknowledged)
    {
        Assert.Equal(ExecutionStatus.Running, (await store.GetAsync(executionId))!.Status);
        Assert.Equal(0, await store.AbandonExpiredAsync(TimeSpan.FromHours(1)));
        Assert.Equal(1, await store.AbandonExpiredAsync(TimeSpan.Zero));

        var execution = (await store.GetAsync(executionId))!;
        Assert.Equal(ExecutionStatus.Abandoned, execution.Status);
        Assert.Equal(ExecutionReason.Abandoned, execution.Reason);

        var kept = new Dictionary<long, string>();
        long after = 0;
        while (await store.ReadLogAsync(executionId, new LogQuery { AfterSequence = after, Limit = LogQuery.MaxLimit }) is { Count: > 0 } page)
        {
            foreach (var line in page)
            {
                kept[line.Sequence] = line.Message;
            }

            after = page[^1].Sequence;
        }

        Assert.NotEmpty(acknowledged);
        foreach (var (sequence, message) in acknowledged)
        {
            Assert.True(kept.TryGetValue(sequence, out var read), $"Line {sequence} ('{message}') was acknowledged before the kill but is missing.");
            Assert.Equal(message, read);
        }
    }

    private static string DotnetHost()
        => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    // The test runs from tests/<project>/bin/<configuration>/<framework>/; the child is built next to it.
    private static string ChildPath()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = framework.Parent!;
        var tests = configuration.Parent!.Parent!.Parent!;
        var path = Path.Combine(tests.FullName, "Integration.Storage.CrashHost", "bin", configuration.Name, framework.Name, "Integration.Storage.CrashHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The crash host is not built at {path}; build tests/Integration.Storage.CrashHost.", path);
    }
}
