namespace Integration.Export.Excel;

/// <summary>A column of a sheet: its header and its width in characters.</summary>
internal readonly record struct SheetColumn(string Header, double Width);
