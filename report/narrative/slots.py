"""The named places in the chapter templates where the edition's own text goes.

A chapter template places a part with `{{ tekst("h2-literatuur") }}`; the text comes from
`tekst/h2-literatuur.qmd` in the edition folder. This list is the one owner of the names: the
render stage refuses a name that is not here, the text check reports a file whose name is not
here, and `new-edition` carries these files over. The heading level a part may use follows
from where the template places it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    name: str  # the file is tekst/<name>.qmd
    about: str  # what the part holds, in Dutch (README, messages)
    sheet: str = ""  # the part is only printed when this workbook sheet is supplied


SLOTS: tuple[Slot, ...] = (
    Slot("samenvatting-onderwerp", "Samenvatting: waar de doorlichting over gaat"),
    Slot("samenvatting-aanpak", "Samenvatting: de bronnen en de sporen van het beleid"),
    Slot("samenvatting-bereikt", "Samenvatting: wat de cijfers niet laten zien"),
    Slot("samenvatting-oordeel", "Samenvatting: de kernconclusie en zelfstandig vertrek"),
    Slot(
        "samenvatting-oordeel-vervolg",
        "Samenvatting: gedwongen vertrek, herkomstlanden en uitvoering",
    ),
    Slot("samenvatting-verbeterpunten", "Samenvatting: de aanbevelingen"),
    Slot("samenvatting-besparing", "Samenvatting: duiding van de beleidsopties"),
    Slot("h1-aanleiding", "Inleiding: aanleiding en eerdere doorlichtingen"),
    Slot("h1-afbakening", "Inleiding: startpunt en afbakening van het onderzoek"),
    Slot("h1-doel", "Inleiding: de overwegingen achter het doel van het artikel"),
    Slot("h1-toetsingskader", "Inleiding: doeltreffendheid, doelmatigheid en de bronnen"),
    Slot("h2-begrippen", "Vertrek: begrippen en betrokken partijen"),
    Slot("h2-vertrekbeleid", "Vertrek: het terugkeerbeleid in hoofdlijnen"),
    Slot("h2-succesfactoren", "Vertrek: voorwaarden voor aantoonbaar vertrek"),
    Slot("h2-resultaten-instroom", "Vertrek: instroom, veilige landen en beleidswijzigingen"),
    Slot("h2-resultaten-voorrang", "Vertrek: groepen met voorrang"),
    Slot("h2-uitgaven", "Uitgaven: de posten van het artikel"),
    Slot("h2-uitgaven-ontvangsten", "Uitgaven: ontvangsten van derden", sheet="Ontvangsten"),
    Slot("h2-uitgaven-bekostiging", "Uitgaven: onderzoek naar de bekostiging"),
    Slot("h2-literatuur", "Vertrek: wetenschappelijke inzichten"),
    Slot("h2-conclusie", "Vertrek: conclusie, eerste deel"),
    Slot("h2-conclusie-vervolg", "Vertrek: conclusie, tweede deel"),
    Slot("h3-inleiding", "Maatregelen: inleiding"),
    Slot("h3-informatie", "Zelfstandig vertrek: voorlichting en gesprekken"),
    Slot("h3-bejegening", "Zelfstandig vertrek: bejegening en duur van de procedure"),
    Slot("h3-ondersteuning", "Zelfstandig vertrek: terugkeer- en herintegratieondersteuning"),
    Slot("h3-ondersteuning-onderzoek", "Zelfstandig vertrek: onderzoek naar de ondersteuning"),
    Slot("h3-voorzieningen", "Zelfstandig vertrek: uitsluiting van voorzieningen en opvang"),
    Slot("h3-activering", "Zelfstandig vertrek: activering"),
    Slot("h3-gedwongen", "Gedwongen vertrek: de terugkeermaatregelen"),
    Slot("h3-gedwongen-onderzoek", "Gedwongen vertrek: onderzoek naar de maatregelen"),
    Slot("h3-gedwongen-vervolg", "Gedwongen vertrek: VBL, gezinslocaties en uitzettingen"),
    Slot("h3-keten", "Maatregelen: samenwerking in de migratieketen"),
    Slot("h3-eu-fondsen", "Maatregelen: Europese fondsen"),
    Slot("h3-eu-fondsen-onderzoek", "Maatregelen: onderzoek naar de Europese fondsen"),
    Slot("h3-conclusie", "Maatregelen: conclusie, inleiding"),
    Slot("h3-conclusie-zelfstandig", "Maatregelen: conclusie over zelfstandig vertrek"),
    Slot("h3-conclusie-keten", "Maatregelen: conclusie over keten en Europese subsidie"),
    Slot("h4-inleiding", "Herkomstlanden: inleiding"),
    Slot("h4-nederland", "Herkomstlanden: inzet vanuit Nederland"),
    Slot("h4-europa", "Herkomstlanden: inzet via de Europese Unie"),
    Slot("h5-voorwaarden", "Conclusies: belemmeringen tegelijk wegnemen"),
    Slot("h5-zelfstandig", "Conclusies: zelfstandig vertrek"),
    Slot("h5-gedwongen", "Conclusies: gedwongen vertrek"),
    Slot("h5-gedwongen-vervolg", "Conclusies: voorwaarden voor gedwongen vertrek"),
    Slot("h5-oordeel", "Conclusies: doeltreffendheid en doelmatigheid"),
    Slot("h5-oordeel-vervolg", "Conclusies: de uitvoering"),
    Slot("h6-verbeterparagraaf", "Verbeterparagraaf: de aanbevelingen met hun kopjes"),
    Slot("h6-besparing-kanttekeningen", "-20%-paragraaf: kanttekeningen bij de bedragen"),
    Slot("h6-besparing-afweging", "-20%-paragraaf: de afweging"),
)

BY_NAME = {slot.name: slot for slot in SLOTS}
