using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Integration.Export.Excel;

/// <summary>
/// The .xlsx package, written as a zip in create mode so every part streams straight to the destination. The SDK's
/// own packaging (System.IO.Packaging) opens the zip for update and so holds each part in memory until it is closed:
/// a million-line sheet would not fit the memory budget. The parts' content is still written with the SDK's schema
/// types and <see cref="OpenXmlWriter"/>; only the OPC plumbing (relationships, content types) is written here.
/// </summary>
internal sealed class WorkbookPackage : IDisposable
{
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private readonly ZipArchive _zip;
    private readonly List<(string Name, string FilterRange)> _sheets = [];

    public WorkbookPackage(Stream destination)
    {
        _zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        using (var styles = Entry("xl/styles.xml"))
        using (var writer = OpenXmlWriter.Create(styles))
        {
            writer.WriteStartDocument();
            writer.WriteElement(ExcelStyles.Create());
        }
    }

    /// <summary>Starts the next sheet's part; only one sheet is written at a time.</summary>
    public SheetWriter AddSheet(string name, IReadOnlyList<SheetColumn> columns)
    {
        var part = Entry($"xl/worksheets/sheet{_sheets.Count + 1}.xml");
        return new SheetWriter(part, columns, range => _sheets.Add((name, range)));
    }

    /// <summary>Writes the workbook, its relationships and the content types, then closes the zip.</summary>
    public void Complete()
    {
        using (var part = Entry("xl/workbook.xml"))
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartDocument();
            writer.WriteElement(Workbook());
        }

        Relationships("_rels/.rels", [("rId1", OfficeRelationships + "/officeDocument", "xl/workbook.xml")]);
        Relationships(
            "xl/_rels/workbook.xml.rels",
            [
                .. _sheets.Select((_, i) => ($"rId{i + 1}", OfficeRelationships + "/worksheet", $"worksheets/sheet{i + 1}.xml")),
                ($"rId{_sheets.Count + 1}", OfficeRelationships + "/styles", "styles.xml"),
            ]);
        ContentTypes();
        _zip.Dispose();
    }

    public void Dispose() => _zip.Dispose();

    private Workbook Workbook()
    {
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var (name, range) = _sheets[i];
            sheets.Append(new Sheet { Name = name, SheetId = (uint)i + 1, Id = $"rId{i + 1}" });
            names.Append(new DefinedName($"'{name}'!{Absolute(range)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
        }

        return new Workbook(sheets, names);
    }

    private static string Absolute(string range)
        => string.Join(':', range.Split(':').Select(cell => $"${string.Concat(cell.TakeWhile(char.IsAsciiLetter))}${string.Concat(cell.SkipWhile(char.IsAsciiLetter))}"));

    private void Relationships(string path, IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        using var xml = Xml(path);
        xml.WriteStartElement("Relationships", RelationshipsNs);
        foreach (var (id, type, target) in relationships)
        {
            xml.WriteStartElement("Relationship", RelationshipsNs);
            xml.WriteAttributeString("Id", id);
            xml.WriteAttributeString("Type", type);
            xml.WriteAttributeString("Target", target);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private void ContentTypes()
    {
        using var xml = Xml("[Content_Types].xml");
        xml.WriteStartElement("Types", ContentTypesNs);
        Default(xml, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(xml, "xml", "application/xml");
        Override(xml, "/xl/workbook.xml", SpreadsheetMl + "sheet.main+xml");
        Override(xml, "/xl/styles.xml", SpreadsheetMl + "styles+xml");
        for (var i = 1; i <= _sheets.Count; i++)
        {
            Override(xml, $"/xl/worksheets/sheet{i}.xml", SpreadsheetMl + "worksheet+xml");
        }

        xml.WriteEndElement();
    }

    private static void Default(XmlWriter xml, string extension, string contentType)
    {
        xml.WriteStartElement("Default", ContentTypesNs);
        xml.WriteAttributeString("Extension", extension);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }

    private static void Override(XmlWriter xml, string part, string contentType)
    {
        xml.WriteStartElement("Override", ContentTypesNs);
        xml.WriteAttributeString("PartName", part);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }

    private XmlWriter Xml(string path) => XmlWriter.Create(Entry(path), new XmlWriterSettings { CloseOutput = true });

    private Stream Entry(string path) => _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
}
