"""The sample document of the publish tests (tests/fixtures/publish/rapport.qmd) and its figure.

The sample follows the conventions the render stage emits: front matter with the edition
date, numbered and unnumbered headings, three captioned pipe tables (one wide, in a
landscape block) with "Bron:" notes, one figure with alt text, footnotes and cross-references.
The figure is drawn here rather than stored, from the shares the alt text describes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "publish" / "rapport.qmd"
FIGURE = "figuren/vertrek-aandeel.png"
# What the figure shows; the fixture's alt text describes exactly these shares.
SHARES = {"zelfstandig": (19, 20), "gedwongen": (29, 29)}
YEARS = (2011, 2012)


def draw_figure(path: Path) -> None:
    """A small bar chart, byte-identical on every call (no timestamp in the PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.3, 2.8), dpi=100)
    axes = figure.subplots()
    for offset, (label, values) in zip((-0.2, 0.2), SHARES.items(), strict=True):
        axes.bar(
            [year + offset for year in YEARS],
            values,
            width=0.38,
            label=label,
            color="#154273" if label == "zelfstandig" else "#9fb6cf",
        )
    axes.set_xticks(list(YEARS), [str(year) for year in YEARS])
    axes.set_ylabel("aandeel in het vertrek (%)")
    axes.set_ylim(0, 40)
    axes.legend(loc="upper left", ncols=2, frameon=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, metadata={"Software": None})


def sample_document(directory: Path, text: str | None = None) -> Path:
    """The sample (or `text` instead of it) as build/rapport.qmd with its figure."""
    directory.mkdir(parents=True, exist_ok=True)
    document = directory / "rapport.qmd"
    if text is None:
        shutil.copyfile(FIXTURE, document)
    else:
        document.write_text(text, encoding="utf-8")
    draw_figure(directory / FIGURE)
    return document


def sample_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file in a publication, by relative path, with its bytes."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
