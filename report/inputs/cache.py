"""The inputs as last read, kept in the build folder so an unchanged edition is not parsed again.

Reading both workbooks takes openpyxl, the schema of editie.yml takes pydantic; together they
cost a command more time than the work it does (`scenario`, a warm build). The cache holds the
`Inputs` of a read without problems, under the fingerprint of the data folder and the program
(`report.fingerprint`): any change to a file in the data folder, to the code or to an installed
package reads again. A damaged or foreign cache file is read again too, never trusted: it is
unpickled with only the input stage's own records (its dataclasses and enumerations), `Decimal`
and `date` allowed, so a planted file cannot call anything else.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import enum
import io
import os
import pickle
from pathlib import Path

from report.inputs.read import Inputs

FILE = "invoer.pickle"
_ALLOWED = {("decimal", "Decimal"): decimal.Decimal, ("datetime", "date"): dt.date}


def load(build_dir: Path, key: str) -> Inputs | None:
    """The cached inputs for `key`, or None (no cache, another key, a damaged file)."""
    try:
        data = (build_dir / FILE).read_bytes()
    except OSError:
        return None
    stored_key, _, body = data.partition(b"\n")
    if stored_key != key.encode("ascii"):
        return None
    try:
        inputs = _Restricted(io.BytesIO(body)).load()
    except Exception:  # anything wrong with the file only means reading the workbooks again
        return None
    return inputs if isinstance(inputs, Inputs) else None


def save(build_dir: Path, key: str, inputs: Inputs) -> None:
    """Keep the inputs for the next command; a folder that cannot take it only costs time."""
    target = build_dir / FILE
    partial = target.with_name(f".{FILE}.{os.getpid()}")
    with contextlib.suppress(OSError):
        build_dir.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(key.encode("ascii") + b"\n" + pickle.dumps(inputs, protocol=5))
        os.replace(partial, target)
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


class _Restricted(pickle.Unpickler):
    """Creates only the input stage's records (and Decimal, date); calls nothing else."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) in _ALLOWED:
            return _ALLOWED[module, name]
        if module == "report.problems" or module.startswith("report.inputs."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} hoort niet in de invoercache")
