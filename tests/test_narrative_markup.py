"""A narrative file is read against a whitelist: the allowed Markdown passes, the rest is literal.

Every hostile construct (raw HTML, raw Typst, LaTeX, images, links, other shortcodes, Jinja,
metadata blocks, divs the publish filters react to) must come out escaped, so pandoc writes it
as text in every format; the end-to-end check through PDF and HTML is in test_narrative_draft.
"""

from __future__ import annotations

import re

import pytest

from report.narrative.markup import Context, Kind, translate
from report.present.markdown import escape

VALUES = {"periode": "2011–2017", "vertrek.totaal": "136.590", "bewaring.aandeel": None}
LABELS = frozenset({"sec-resultaten", "tbl-vertrek-type", "fig-uitgaven", "sec-eigen"})


def run(text: str, level: int = 2, taken: frozenset[str] = frozenset()):
    context = Context(level, VALUES, LABELS, taken, "deel")
    return translate(tuple(text.split("\n")), context)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "```{=typst}",
    "#set page(fill: red)",
    "`#pagebreak()`{=typst}",
    "`<b>x</b>`{=html}",
    "\\newpage \\textbf{vet}",
    "$x^2$",
    "{{< include /etc/passwd >}}",
    "{{< pagebreak >}}",
    "{{ 7 + 7 }} {% for x in y %}{% endfor %}",
    "![foto](/etc/passwd)",
    "[klik](javascript:alert(1))",
    "<http://example.org>",
    "::: {.landscape}",
    "::: {.bron}",
    "---",
    "title: gekaapt",
    "| a | b |",
    "<!-- verborgen -->",
    "@citeer",
    "A. Jansen",
]


@pytest.mark.parametrize("line", HOSTILE)
def test_a_hostile_line_is_escaped_as_a_whole(line):
    out = run(line).markdown
    assert out == escape(line).replace("\\'", "'").replace('\\"', '"')
    # nothing pandoc could read as markup survives: every special character has its backslash
    assert not re.search(r"(?<!\\)[<>{}\[\]`$!|]", out)


def test_allowed_markdown_passes():
    text = "\n".join(
        [
            "Een *nadruk*, een **sterke nadruk** en _schuin_.",
            "",
            "- een punt",
            "  dat doorloopt",
            "1. een genummerd punt",
            "",
            "> een citaat",
            "",
            "### Eigen kop {#sec-nieuw}",
            "",
            "Zie @sec-resultaten, @tbl-vertrek-type en @fig-uitgaven.[^bron]",
            "",
            "[^bron]: Auteur, *Titel* (2015).",
        ]
    )
    out = run(text)
    assert out.issues == []
    md = out.markdown
    assert "*nadruk*" in md and "**sterke nadruk**" in md and "_schuin_" in md
    assert "- een punt\n  dat doorloopt" in md and "1. een genummerd punt" in md
    assert "> een citaat" in md
    assert "### Eigen kop {#sec-nieuw}" in md
    assert "@sec-resultaten" in md and "@tbl-vertrek-type" in md and "@fig-uitgaven" in md
    assert "[^deel-bron]" in md and "[^deel-bron]: Auteur, *Titel* \\(2015\\)\\." in md


def test_named_values_are_replaced_and_unknown_ones_reported_with_their_line():
    out = run("Over {{< var periode >}} vertrokken {{< var vertrek.totaal >}} mensen.\n\n"
              "Ook {{< var bestaat.niet >}} en {{< var bewaring.aandeel >}}.")  # fmt: skip
    assert "Over 2011–2017 vertrokken 136\\.590 mensen\\." in out.markdown
    assert "\\{\\{\\< var bestaat\\.niet \\>\\}\\}" in out.markdown  # literal, visibly wrong
    messages = {(i.line, i.message.split(";")[0].split(":")[0]) for i in out.issues}
    assert (3, "onbekende waarde 'bestaat.niet'") in messages
    assert (3, "de waarde 'bewaring.aandeel' is in deze editie niet beschikbaar") in messages


def test_a_reference_to_an_absent_label_is_literal_and_reported():
    out = run("Zie @tbl-bestaat-niet en @sec-resultaten.")
    assert "\\@tbl\\-bestaat\\-niet" in out.markdown and "@sec-resultaten" in out.markdown
    assert [i.line for i in out.issues] == [1]
    assert "tabel" in out.issues[0].message


def test_headings_must_stay_below_the_level_of_their_place():
    out = run("## Te hoog\n\n### Goed", level=2)
    assert "\\#\\# Te hoog" in out.markdown and "### Goed" in out.markdown
    assert [i.line for i in out.issues] == [1]
    assert "ten minste 3" in out.issues[0].message


def test_a_heading_label_that_exists_elsewhere_is_refused():
    out = run("### Kop {#sec-resultaten}", taken=frozenset({"sec-resultaten"}))
    assert out.markdown == "### Kop"
    assert "bestaat al" in out.issues[0].message
    twice = run("### Een {#sec-x}\n\n### Twee {#sec-x}")
    assert twice.markdown.count("{#sec-x}") == 1 and len(twice.issues) == 1


def test_review_markers_are_counted_closed_and_balanced():
    out = run("::: nakijken\nOud.\n:::\n\n::: {.nakijken}\nNog een.")
    assert out.reviews == [1, 5]
    lines = out.markdown.split("\n")
    assert lines.count("::: {.nakijken}") == 2 and lines.count(":::") == 2
    assert [i.line for i in out.issues] == [5]  # not closed: closed for the document, reported
    stray = run("Tekst.\n:::")
    assert "\\:\\:\\:" in stray.markdown and stray.issues[0].line == 2


def test_footnotes_need_text_and_use():
    out = run("Tekst.[^a]\n\n[^b]: Ongebruikt.")
    found = {(i.line, i.message) for i in out.issues}
    assert (1, "voetnoot [^a] heeft geen tekst in dit bestand") in found
    assert (3, "voetnoot [^b] wordt in de tekst niet gebruikt") in found


def test_the_text_check_reads_prose_notes_and_quotes_apart():
    out = run(
        "Tekst {{< var periode >}} @sec-resultaten.[^n]\n\n> Citaat 1999.\n\n[^n]: Bron 2015."
    )
    kinds = {(line.number, line.kind) for line in out.lines}
    assert kinds == {(1, Kind.PROSE), (3, Kind.QUOTE), (5, Kind.NOTE)}
    prose = next(line for line in out.lines if line.number == 1)
    assert "2011" not in prose.text and "resultaten" not in prose.text  # values and labels out
