"""``turaz-data template --table NAME --format xlsx``: a workbook to fill in a spreadsheet.

Sheet ``NAME``: the header, the example row (to edit or delete), every column formatted
as Text (so that Excel keeps "1995-03" and "007" as typed) and, for coded columns, a
drop-down list of the codes (data validation). Sheet ``codes``: each coded column's codes
with their meaning. The workbook's created and modified times are fixed, so writing it
twice gives the same bytes. Needs openpyxl (the ``export`` extra).
"""

from __future__ import annotations

import datetime as _dt
import io

#: The fixed time stamp of the workbook's properties (and of its zip entries).
FIXED_TIME = _dt.datetime(2000, 1, 1)
#: Data rows the drop-down lists and the Text format cover.
ROWS = 1000


def template_workbook(table: str) -> bytes:
    """The bytes of the template workbook of ``table``."""
    try:
        import openpyxl
    except ImportError:
        from turaz_data.contrib.inputs import OPENPYXL_HINT, InputError

        raise InputError(OPENPYXL_HINT.replace("reading", "writing")) from None
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from turaz_data.errors import UnknownTableError
    from turaz_data.tables.fields import fields
    from turaz_data.tables.models import EXAMPLE_ROWS, TABLES_BY_NAME
    from turaz_data.tables.storage import format_cell

    if table not in TABLES_BY_NAME:
        raise UnknownTableError(table, list(TABLES_BY_NAME))
    fs = fields(table)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = table
    example = EXAMPLE_ROWS.get(table) or {f.name: f.example for f in fs}
    ws.append([f.name for f in fs])
    ws.append([format_cell(example.get(f.name)) for f in fs])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    codes = wb.create_sheet("codes")
    codes.append(["column", "code", "meaning"])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    row = 2
    for i, f in enumerate(fs, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, min(40, len(f.name) + 4))
        for r in range(2, ROWS + 2):
            ws.cell(row=r, column=i).number_format = "@"
        values = f.enum or (tuple(f.categories) if f.categories else None)
        if not values or f.is_list:
            continue
        first = row
        for v in values:
            codes.append([f.name, v, (f.categories or {}).get(v, "")])
            row += 1
        dv = DataValidation(type="list", formula1=f"codes!$B${first}:$B${row - 1}", allow_blank=not f.required,
                            showErrorMessage=True, errorTitle=f"{f.name}: not a code",
                            error=f"{f.name} takes one of the codes listed for it in the sheet 'codes'")
        dv.add(f"{letter}2:{letter}{ROWS + 1}")
        ws.add_data_validation(dv)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "turaz-data"
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The zip ``data`` rewritten with fixed entry times (openpyxl stamps the current time)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            new = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o600 << 16
            dst.writestr(new, body)
    return out.getvalue()


__all__ = ["template_workbook"]
