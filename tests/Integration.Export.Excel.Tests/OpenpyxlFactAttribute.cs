using System.Diagnostics;

namespace Integration.Export.Excel.Tests;

/// <summary>
/// A fact that reads an .xlsx back with openpyxl under /usr/bin/python3 (Debian's python3-openpyxl, which .ci/run
/// installs). Skipped, with a message saying how to run it, only on a machine without openpyxl and outside CI:
/// where the environment variable CI is "true" it always runs, so it fails rather than hides a missing client.
/// </summary>
public sealed class OpenpyxlFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(CanImportOpenpyxl);

    public OpenpyxlFactAttribute()
    {
        if (!Available.Value && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{Python} cannot import openpyxl: install it with 'apt-get install -y python3-openpyxl' (CI does, and never skips this test).";
        }
    }

    private static bool CanImportOpenpyxl()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import openpyxl"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
            {
                return false;
            }

            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            return false;
        }
    }
}
