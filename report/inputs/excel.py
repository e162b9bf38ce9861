"""Opening a workbook safely: the only module that touches the .xlsx container.

Workbooks come from people and from other tools, so the file is inspected before openpyxl
parses it: format, size, and the unpacked size of every part (a zip bomb is refused before a
single byte of it is inflated). openpyxl parses the XML through defusedxml (entity expansion
is refused).
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

MAX_FILE_BYTES = 20 * 1024 * 1024  # a real finance workbook is a few hundred kB
MAX_PART_BYTES = 10 * 1024 * 1024  # unpacked size of one sheet (about 400.000 filled cells)
MAX_TOTAL_BYTES = 60 * 1024 * 1024  # unpacked size of the whole workbook
MAX_RATIO = 200  # unpacked / packed, for parts larger than 1 MB

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookRefused(Exception):
    """The file cannot be read as a workbook; the message (Dutch) says why."""


def inspect(path: Path) -> None:
    """Refuse what is not a sane .xlsx before parsing it."""
    if path.suffix.lower() == ".xls":
        raise WorkbookRefused(
            "dit is het oude Excel-formaat (.xls); sla het bestand op als Excel-werkmap (.xlsx)"
        )
    size = path.stat().st_size
    if size == 0:
        raise WorkbookRefused("het bestand is leeg")
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(
            f"het bestand is te groot ({size // 1_048_576} MB; maximaal "
            f"{MAX_FILE_BYTES // 1_048_576} MB)"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise WorkbookRefused(
            "het bestand is met een wachtwoord beveiligd of in het oude .xls-formaat opgeslagen; "
            "verwijder de beveiliging en sla op als .xlsx"
        )
    if not zipfile.is_zipfile(path):
        raise WorkbookRefused(
            "dit is geen Excel-werkmap (.xlsx); is het een CSV- of ander bestand met een "
            "andere extensie?"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookRefused(f"het bestand is beschadigd ({exc})") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise WorkbookRefused("dit zip-bestand is geen Excel-werkmap")
    total = 0
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (
            info.file_size > 1_048_576 and info.file_size / packed > MAX_RATIO
        ):
            raise WorkbookRefused(
                f"onderdeel {info.filename} is uitgepakt te groot ({info.file_size // 1_048_576} "
                f"MB); een werkblad mag uitgepakt hoogstens {MAX_PART_BYTES // 1_048_576} MB zijn"
            )
    if total > MAX_TOTAL_BYTES:
        raise WorkbookRefused(
            f"de werkmap is uitgepakt te groot ({total // 1_048_576} MB; maximaal "
            f"{MAX_TOTAL_BYTES // 1_048_576} MB)"
        )


def open_workbook(path: Path, formulas: bool = False) -> Workbook:
    """Open with cached values (default) or with formulas; raise WorkbookRefused on failure."""
    inspect(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions and validation
            return openpyxl.load_workbook(
                path, data_only=not formulas, read_only=False, keep_links=False
            )
    except WorkbookRefused:
        raise
    except Exception as exc:  # openpyxl raises many types for malformed files
        raise WorkbookRefused(f"het bestand kan niet als werkmap worden gelezen ({exc})") from None
