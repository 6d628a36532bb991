"""Reads an .xlsx with openpyxl (a client this project did not write) and prints what the tests check, as JSON."""
import datetime
import json
import sys

import openpyxl


def value(cell):
    v = cell.value
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        return str(v)
    return v


def fill(cell):
    f = cell.fill
    return f.fgColor.rgb if f is not None and f.fill_type == "solid" else None


book = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": book.sheetnames, "data": {}}
for sheet in book.worksheets:
    out["data"][sheet.title] = {
        "max_row": sheet.max_row,
        "freeze": sheet.freeze_panes,
        "filter": sheet.auto_filter.ref,
        "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
        "rows": [[{"v": value(c), "t": c.data_type, "date": c.is_date, "fill": fill(c)} for c in row] for row in sheet.iter_rows()],
    }
print(json.dumps(out))
