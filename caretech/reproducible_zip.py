"""Write a ZIP file that is byte-for-byte the same from one build to the next.

The one ZIP writer, for Word and Excel downloads (which are ZIP files) and the offline copy:
every entry gets the same fixed date, fixed permissions and a fixed compression level, in the
order given, so the same content always gives the same file, and a browser or the service
worker keeps its copy until the content really changes.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import BinaryIO, Iterable


def write_zip(target: BinaryIO, entries: Iterable[tuple[str, bytes]], when: datetime.date, level: int = 6) -> None:
    """Write (name, data) entries to `target`, each stamped noon on `when`."""
    stamp = (max(when.year, 1980), when.month, when.day, 12, 0, 0)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, data, compresslevel=level)


def zip_bytes(entries: Iterable[tuple[str, bytes]], when: datetime.date, level: int = 6) -> bytes:
    out = io.BytesIO()
    write_zip(out, entries, when, level)
    return out.getvalue()
