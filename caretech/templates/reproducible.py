"""Make .docx and .xlsx files byte-for-byte the same from one build to the next.

Both are ZIP files. The libraries stamp each ZIP entry with the time of writing; the
writers already fix the document properties (created, modified) to the template's review
date. Here every entry is written again with that same fixed date, fixed permissions and
a fixed compression level, `[Content_Types].xml` first (some readers expect it there)
and the rest in the order the library wrote them, which is stable.
"""

from __future__ import annotations

import datetime
import io
import zipfile

_FIRST = "[Content_Types].xml"


def reproducible_zip(data: bytes, when: datetime.date) -> bytes:
    stamp = (max(when.year, 1980), when.month, when.day, 12, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in sorted(names, key=lambda n: n != _FIRST):  # stable: only moves the first one up
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
