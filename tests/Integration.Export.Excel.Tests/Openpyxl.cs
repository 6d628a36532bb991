using System.Diagnostics;
using System.Text.Json;

namespace Integration.Export.Excel.Tests;

/// <summary>Reads a workbook back with openpyxl through read_xlsx.py.</summary>
public static class Openpyxl
{
    public static async Task<JsonElement> ReadAsync(byte[] workbook)
    {
        var path = Path.Combine(Path.GetTempPath(), $"integration-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, workbook);
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "read_xlsx.py");
            using var process = Process.Start(new ProcessStartInfo(OpenpyxlFactAttribute.Python, [script, path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"openpyxl could not read the workbook: {await error}");
            return JsonDocument.Parse(await output).RootElement;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static JsonElement Sheet(this JsonElement book, string name) => book.GetProperty("data").GetProperty(name);

    public static JsonElement Cell(this JsonElement sheet, int row, int column) => sheet.GetProperty("rows")[row - 1][column - 1];

    public static string? Text(this JsonElement cell) => cell.GetProperty("v").ValueKind == JsonValueKind.Null ? null : cell.GetProperty("v").ToString();
}
