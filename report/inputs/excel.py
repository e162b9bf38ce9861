"""Opening a workbook safely: the only module that touches the .xlsx container.

Workbooks come from people and from other tools, so the file is inspected before openpyxl
parses it: format, size, and the unpacked size of every part (a zip bomb is refused before a
single byte of it is inflated; a part that lies about its size fails its CRC check after at
most its stated size). openpyxl parses the XML through defusedxml (entity expansion and
external entities are refused).

The limits keep the worst case that passes them to a few seconds and a few hundred MB:
openpyxl needs about 0.3 s and 15 MB of memory per MB of sheet XML (measured in
tests/test_robustness_inputs.py).
"""

from __future__ import annotations

import math
import warnings
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.workbook import Workbook

MAX_FILE_BYTES = 20 * 1024 * 1024  # a real finance workbook is a few hundred kB
MAX_PART_BYTES = 10 * 1024 * 1024  # unpacked size of one sheet (about 350.000 filled cells)
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # unpacked size of the whole workbook
MAX_RATIO = 200  # unpacked / packed, for parts larger than 1 MB
MAX_DIGITS = 4300  # Python reads no longer integers; openpyxl then fails on the whole file

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")  # stream of a password-protected .xlsx
EXTENSIONS = (".xlsx", ".xlsm")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RESAVE = "open het in Excel of LibreOffice en sla het opnieuw op als Excel-werkmap (.xlsx)"


class WorkbookRefused(Exception):
    """The file cannot be read as a workbook; the message (Dutch) says why."""

    def __init__(self, message: str, sheet: str = ""):
        super().__init__(message)
        self.sheet = sheet  # the sheet at fault, when one is


def inspect(path: Path) -> None:
    """Refuse what is not a sane .xlsx before parsing it."""
    if path.suffix.lower() == ".xls":
        raise WorkbookRefused(
            "dit is het oude Excel-formaat (.xls); sla het bestand op als Excel-werkmap (.xlsx)"
        )
    if path.suffix.lower() not in EXTENSIONS:
        raise WorkbookRefused(
            "de bestandsnaam eindigt niet op .xlsx of .xlsm; sla de werkmap op als Excel-werkmap "
            "(.xlsx) en zet die naam in editie.yml onder werkmappen"
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise WorkbookRefused(
            "geen toestemming om het bestand te lezen; vraag leesrechten of kopieer het naar een "
            "map waarin u mag lezen"
        ) from None
    except OSError:
        raise WorkbookRefused(
            "het bestand kan niet worden gelezen (is het nog geopend of verplaatst?)"
        ) from None
    if size == 0:
        raise WorkbookRefused("het bestand is leeg")
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(
            f"het bestand is te groot ({size // 1_048_576} MB; maximaal "
            f"{MAX_FILE_BYTES // 1_048_576} MB)"
        )
    if head == _OLE_MAGIC:
        if _ENCRYPTED in path.read_bytes():  # the size is checked above
            raise WorkbookRefused(
                "de werkmap is met een wachtwoord beveiligd; verwijder het wachtwoord (Bestand › "
                "Info › Werkmap beveiligen) en sla de werkmap opnieuw op"
            )
        raise WorkbookRefused(
            "dit is het oude Excel-formaat (.xls), ook al heet het bestand anders; " + _RESAVE
        )
    if not zipfile.is_zipfile(path):
        if head.startswith(_ZIP_MAGIC):
            raise WorkbookRefused(
                "het bestand is onvolledig of beschadigd (het zip-archief is afgebroken); "
                "kopieer of download het opnieuw"
            )
        raise WorkbookRefused(
            "dit is geen Excel-werkmap (.xlsx); is het een CSV- of ander bestand met een "
            "andere extensie?"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise WorkbookRefused(f"het bestand is beschadigd; {_RESAVE}") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise WorkbookRefused("dit zip-bestand is geen Excel-werkmap")
    for info in infos:
        bomb = (
            info.file_size > 1_048_576 and info.file_size / max(info.compress_size, 1) > MAX_RATIO
        )
        if bomb or info.file_size > MAX_PART_BYTES:
            sheet = _sheet_of(path, info.filename)
            what = "het werkblad" if sheet else f"onderdeel {info.filename}"
            if bomb:
                raise WorkbookRefused(
                    f"{what} pakt uit tot {_megabytes(info.file_size)} uit "
                    f"{_megabytes(info.compress_size)} (meer dan {MAX_RATIO} keer zo groot); "
                    "zo'n bestand komt niet uit Excel en wordt geweigerd",
                    sheet,
                )
            raise WorkbookRefused(
                f"{what} is uitgepakt {_megabytes(info.file_size)} groot; hoogstens "
                f"{_megabytes(MAX_PART_BYTES)} is toegestaan (verwijder gegevens die niet nodig "
                "zijn)",
                sheet,
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise WorkbookRefused(
            f"de werkmap is uitgepakt {_megabytes(total)} groot; maximaal "
            f"{_megabytes(MAX_TOTAL_BYTES)} (verwijder werkbladen die niet nodig zijn)"
        )


def _megabytes(size: int) -> str:
    return f"{math.ceil(size / 1_048_576)} MB"


def _sheet_of(path: Path, part: str) -> str:
    """The name of the sheet stored in `part`, if the workbook's own parts say so."""
    try:
        with zipfile.ZipFile(path) as archive:
            return next((n for n, p in _sheet_parts(archive).items() if p == part), "")
    except Exception:  # the part is refused anyway; its name is a courtesy
        return ""


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member, from workbook.xml and its relationships."""
    book, rels = (archive.getinfo(n) for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"))
    if max(book.file_size, rels.file_size) > MAX_PART_BYTES:
        return {}
    targets = {
        rel.get("Id"): "xl/" + rel.get("Target", "").lstrip("/").removeprefix("xl/")
        for rel in fromstring(archive.read(rels))
    }
    return {
        sheet.get("name", ""): targets.get(sheet.get(f"{{{_RELS}}}id"), "")
        for sheet in fromstring(archive.read(book)).iter(f"{{{_MAIN}}}sheet")
    }


def open_workbook(path: Path) -> Workbook:
    """Open with the cached values of formulas; raise WorkbookRefused on failure."""
    inspect(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions and validation
            return openpyxl.load_workbook(path, data_only=True, read_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for malformed files
        huge = _huge_number(path) if isinstance(exc, ValueError) else None
        if huge:
            raise WorkbookRefused(
                f"cel {huge[1]} bevat een getal van meer dan {MAX_DIGITS} cijfers; zo'n getal kan "
                "het rapport niet tonen en de werkmap wordt geweigerd",
                huge[0],
            ) from None
        raise WorkbookRefused(_why(exc)) from None


def _huge_number(path: Path) -> tuple[str, str] | None:
    """(sheet, cell) of a number too long for Python to read (openpyxl fails on the whole file)."""
    value_tag, cell_tag = f"{{{_MAIN}}}v", f"{{{_MAIN}}}c"
    try:
        with zipfile.ZipFile(path) as archive:
            for sheet, part in _sheet_parts(archive).items():
                with archive.open(part) as source:
                    for _, element in iterparse(source, events=("end",)):
                        if element.tag == cell_tag:
                            value = element.find(value_tag)
                            if value is not None and len(value.text or "") > MAX_DIGITS:
                                return sheet, element.get("r", "")
                            element.clear()
    except Exception:  # the workbook is refused anyway; the cell is a courtesy
        return None
    return None


def formulas(path: Path, sheet: str) -> dict[str, str]:
    """The formulas of one sheet by cell, in one streaming pass over that sheet's XML only.

    openpyxl gives either cached values or formulas per load; a second full load (or its
    read-only mode, which scans every sheet for its size) would double the cost of a big
    workbook for the few cells whose value is missing.
    """
    cell_tag, row_tag, formula_tag = (f"{{{_MAIN}}}{t}" for t in ("c", "row", "f"))
    found: dict[str, str] = {}
    shared: dict[str, str] = {}  # a shared formula's text is stored once, in its first cell
    row = column = 0
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_parts(archive).get(sheet)
            if not part:
                return found
            with archive.open(part) as source:
                for event, element in iterparse(source, events=("start", "end")):
                    if event == "start" and element.tag == row_tag:
                        row, column = int(element.get("r") or row + 1), 0
                    elif event == "end" and element.tag == cell_tag:
                        ref = element.get("r") or f"{get_column_letter(column + 1)}{row}"
                        column = column_index_from_string(ref.rstrip("0123456789"))
                        formula = element.find(formula_tag)
                        if formula is not None:
                            if formula.text and formula.get("t") == "shared":
                                shared[formula.get("si", "")] = formula.text
                            text = formula.text or shared.get(formula.get("si", ""), "")
                            found[ref] = "=" + text
                        element.clear()
                    elif event == "end" and element.tag == row_tag:
                        element.clear()
    except Exception as exc:
        raise WorkbookRefused(_why(exc)) from None
    return found


def linked_files(path: Path) -> list[str]:
    """Other workbooks that formulas in this one refer to (external links)."""
    found = []
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/externalLinks/_rels/") and name.endswith(".rels"):
                    for rel in fromstring(archive.read(name)):
                        if rel.get("TargetMode") == "External" and rel.get("Target"):
                            found.append(unquote(rel.get("Target")))
    except Exception as exc:  # openpyxl skips these parts, so they are checked here
        raise WorkbookRefused(_why(exc)) from None
    return found


def _why(exc: BaseException) -> str:
    """The Dutch reason behind openpyxl's (chained, English) exception."""
    causes: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(causes) < 10:
        causes.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(c, DefusedXmlException) for c in causes):
        return (
            "de werkmap bevat XML met eigen definities (DTD of entiteiten); Excel maakt die "
            "nooit en ze worden om veiligheidsredenen geweigerd"
        )
    if any(isinstance(c, (zipfile.BadZipFile, zlib.error, EOFError)) for c in causes):
        return f"het bestand is beschadigd (het zip-archief klopt niet); {_RESAVE}"
    if any(isinstance(c, ParseError) for c in causes):
        return f"een onderdeel van de werkmap is geen geldige XML; {_RESAVE}"
    if any(isinstance(c, MemoryError) for c in causes):
        return "de werkmap is te groot om te lezen"
    return f"het bestand kan niet als werkmap worden gelezen; {_RESAVE}"
