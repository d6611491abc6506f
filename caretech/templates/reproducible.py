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

from caretech.reproducible_zip import zip_bytes

_FIRST = "[Content_Types].xml"


def reproducible_zip(data: bytes, when: datetime.date) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = sorted(source.namelist(), key=lambda n: n != _FIRST)  # stable: only moves the first one up
        return zip_bytes(((name, source.read(name)) for name in names), when, level=6)
