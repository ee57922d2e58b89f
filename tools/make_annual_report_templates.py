"""Create the two templates of the annual financial report of a hosted fund,
`templates/annual-report-fr.docx` and `templates/annual-report-en.docx`, in the house style.

    .venv/bin/python tools/make_annual_report_templates.py [FOLDER]

The house style is taken from the built-in statement of the same language (its styles, the
automatic numbering of its sections, page layout and fonts), as `tools/new_template.py NAME
--like statement-fr` does for a new template: the statement's body is replaced by the report's,
and its footer by the report's. Each template is written with its plain-text twin
(`annual-report-fr.txt`, what `commons-contracts template show` prints, checked by
tests/test_render.py). The script only **creates**: it refuses when any of the four files
exists, and creates each exclusively, because once made the .docx files are the source of the
wording, edited in Word or LibreOffice and reviewed through their twins (docs/templates.md).

The text uses docxtpl tags over the context of docs/templates.md ("Annual financial report"):
`{{ ... }}` prints a value, a paragraph that holds only `{%p ... %}` is removed at render time,
and a table row that holds only `{%tr ... %}` repeats or removes rows. `**...**` marks bold.
French typography (narrow no-break spaces before ; : ! ? and inside « », typographic
apostrophes) is applied to the literal text, never inside the tags.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table, _Cell

from commons_contracts.documents.docx import normalize_docx

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
# The templates' own dates are fixed, so that the same script gives the same bytes.
BUILD_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

HEADER_FILL = "E7E6E6"
LABEL_FILL = "F2F2F2"
RULE_COLOUR = "A6A6A6"
NNBSP = "\u202f"
NBSP = "\u00a0"
_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})")

# The page is 21 cm wide with margins of 2.3 cm: 16.4 cm of text.
TWO_COLUMNS = (Cm(11.4), Cm(5.0))
DETAILS = (Cm(4.4), Cm(12.0))
SOURCES = (Cm(3.2), Cm(6.4), Cm(1.6), Cm(2.7), Cm(2.5))
PAYEES = (Cm(10.2), Cm(2.2), Cm(4.0))
COMMITMENTS = (Cm(2.0), Cm(6.9), Cm(4.3), Cm(3.2))


def french(text: str) -> str:
    """Narrow no-break spaces and typographic apostrophes in the literal text, not in tags."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):  # even indexes are literal text
        literal = parts[index].replace("'", "’")
        literal = re.sub(r" ([;:!?»])", NNBSP + r"\1", literal)
        literal = literal.replace("« ", "«" + NNBSP).replace("n° ", "n°" + NBSP)
        parts[index] = literal
    return "".join(parts)


def english(text: str) -> str:
    """Typographic apostrophes in the literal text, not in tags."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = parts[index].replace("'", "’")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# The wording, French then English. Each function returns the texts of the document in order.

WORDS = {
    "fr": {
        "title": "RAPPORT FINANCIER ANNUEL",
        "subtitle": "Fonds hébergé du commun « {{ commons.name }} » · exercice {{ report.year }}",
        "period": "Du {{ report.period_start|long_date }} au {{ report.period_end|long_date }}",
        "reference": "Rapport n° {{ report.reference }} · établi le "
        "{{ report.issued_on|long_date }}",
        "notice": "**Ce rapport peut être contesté jusqu'au {{ report.dispute_until|long_date }} "
        "inclus.** La communauté du commun dispose de {{ report.dispute_days|number_words }} "
        "({{ report.dispute_days }}) jours à compter de sa date pour en contester les chiffres "
        "auprès de l'Hébergeur, comme le prévoit le contrat d'hébergement "
        "{{ contract.id }} ; passé ce délai, il est réputé approuvé.",
        "h_fund": "LE FONDS",
        "commons": "Commun",
        "commons_value": "**{{ commons.name }}**, {{ commons.description }}",
        "host": "Hébergeur",
        "host_value": "{{ host.name }}{% if host.legal_form %}, {{ host.legal_form }}"
        "{% endif %}, {{ host.address.street }}, {{ host.address.postcode }} "
        "{{ host.address.city }}{% if host.siren %} · SIREN {{ host.siren|siren }}{% endif %}",
        "contract": "Contrat d'hébergement",
        "contract_value": "{{ contract.id }}, en vigueur depuis le "
        "{{ contract.effective_date|long_date }}",
        "fee": "Frais de gestion",
        "fee_value": "{{ contract.host_fee_percent|rate_in_full }} de chaque recette, arrondis "
        "au centime recette par recette",
        "representatives": "Représentants",
        "representatives_value": "{% for r in commons.representatives %}{{ r.name }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}",
        "restricted": "Les sommes reçues pour le commun sont affectées à ce seul commun : "
        "l'Hébergeur n'a aucun droit de décision sur leur emploi et ne dépense jamais au-delà "
        "du solde du fonds ; chaque dépense est approuvée par les représentants du commun "
        "avant d'être payée.",
        "h_summary": "SYNTHÈSE DE L'EXERCICE",
        "opening": "Solde d'ouverture au {{ report.previous_year_end|long_date }}",
        "income": "Recettes de l'exercice",
        "host_fee": "Frais de gestion de l'Hébergeur",
        "paid_out": "Versements de l'exercice",
        "closing": "Solde de clôture au {{ report.period_end|long_date }}",
        "committed": "dont engagé (dépenses approuvées restant à payer)",
        "uncommitted": "dont libre d'engagement",
        "closing_words": "Le solde de clôture s'élève à "
        "{{ totals.closing_balance|amount_in_full }}.",
        "amounts_note": "Montants en euros. Les paiements de réciprocité sont comptés hors "
        "taxes, dans la proportion des sommes dues qu'ils règlent.",
        "h_income": "RECETTES PAR TYPE ET PAR SOURCE",
        "by_source": "Par source :",
        "col_type": "Type",
        "col_source": "Source",
        "col_count": "Nombre",
        "col_amount": "Montant (€)",
        "col_fee": "Frais (€)",
        "total": "Total",
        "no_income": "Aucune recette au cours de l'exercice.",
        "sources_note": "Les subventions sont publiques et leurs financeurs toujours nommés ; "
        "les autres sources ne le sont qu'avec leur accord, les autres sont regroupées par type.",
        "h_payouts": "VERSEMENTS",
        "by_category": "Par catégorie :",
        "col_category": "Catégorie",
        "by_payee": "Par bénéficiaire :",
        "col_payee": "Bénéficiaire",
        "col_payouts": "Versements",
        "no_payout": "Aucun versement au cours de l'exercice.",
        "payees_note": "Seuls sont nommés les bénéficiaires qui y ont consenti ; les autres sont "
        "regroupés sur une ligne.",
        "coordination": "La coordination et l'animation représentent "
        "{{ totals.coordination|figures }} € des versements de l'exercice"
        "{% if contract.coordination_percent is not none %}, pour une part prévue de "
        "{{ contract.coordination_percent|percent }} au plus{% endif %}.",
        "h_commitments": "ENGAGEMENTS AU {{ report.period_end|long_date|upper }}",
        "commitments_lead": "Dépenses approuvées par les représentants du commun et restant à "
        "payer à la clôture de l'exercice :",
        "col_date": "Date",
        "col_description": "Objet",
        "col_left": "Reste à payer (€)",
        "no_commitment": "Aucune dépense approuvée ne reste à payer à la clôture de l'exercice.",
        "h_dispute": "CONTESTATION",
        "dispute": "Toute contestation est adressée à l'Hébergeur par un représentant du commun "
        "au plus tard le {{ report.dispute_until|long_date }}, en indiquant les chiffres "
        "contestés. Les pièces (conventions, factures, relevés d'heures, approbations, "
        "virements) sont tenues à la disposition des représentants du commun.",
        "place": "Fait à {{ host.address.city }}, le {{ report.issued_on|long_date }}.",
        "signatory": "Pour l'Hébergeur, {% if host.representative %}"
        "{{ host.representative.name }}, {{ host.representative.role }}"
        "{% else %}{{ host.name }}{% endif %}",
        "footer": "Rapport financier annuel · {{ commons.name }} · exercice {{ report.year }}",
        "page": "Page ",
        "of": " sur ",
        "property": "Modèle de rapport financier annuel d'un fonds hébergé",
        "language": "fr-FR",
    },
    "en": {
        "title": "ANNUAL FINANCIAL REPORT",
        "subtitle": "Hosted fund of the commons “{{ commons.name }}” · year {{ report.year }}",
        "period": "From {{ report.period_start|long_date }} to {{ report.period_end|long_date }}",
        "reference": "Report no. {{ report.reference }} · issued on "
        "{{ report.issued_on|long_date }}",
        "notice": "**This report may be disputed until {{ report.dispute_until|long_date }} "
        "inclusive.** The community of the commons has "
        "{{ report.dispute_days|number_words }} ({{ report.dispute_days }}) days from its date "
        "to dispute its figures with the Host, as the hosting agreement {{ contract.id }} "
        "provides; after that, it is deemed approved.",
        "h_fund": "THE FUND",
        "commons": "Commons",
        "commons_value": "**{{ commons.name }}**, {{ commons.description }}",
        "host": "Host",
        "host_value": "{{ host.name }}{% if host.legal_form %}, {{ host.legal_form }}"
        "{% endif %}, {{ host.address.street }}, {{ host.address.postcode }} "
        "{{ host.address.city }}{% if host.siren %} · SIREN {{ host.siren|siren }}{% endif %}",
        "contract": "Hosting agreement",
        "contract_value": "{{ contract.id }}, in force since "
        "{{ contract.effective_date|long_date }}",
        "fee": "Host fee",
        "fee_value": "{{ contract.host_fee_percent|rate_in_full }} of each income, rounded to "
        "the cent income by income",
        "representatives": "Representatives",
        "representatives_value": "{% for r in commons.representatives %}{{ r.name }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}",
        "restricted": "Money received for the commons is restricted to this commons: the Host "
        "has no say in its use and never spends beyond the fund's balance; each expense is "
        "approved by the commons' representatives before it is paid.",
        "h_summary": "THE YEAR IN SUMMARY",
        "opening": "Opening balance on {{ report.previous_year_end|long_date }}",
        "income": "Income of the year",
        "host_fee": "Host fee",
        "paid_out": "Paid out in the year",
        "closing": "Closing balance on {{ report.period_end|long_date }}",
        "committed": "of which committed (approved expenses still to pay)",
        "uncommitted": "of which not committed",
        "closing_words": "The closing balance is {{ totals.closing_balance|amount_in_full }}.",
        "amounts_note": "Amounts in euros. Reciprocity payments count excluding VAT, in the "
        "proportions of the dues they settle.",
        "h_income": "INCOME BY TYPE AND SOURCE",
        "by_source": "By source:",
        "col_type": "Type",
        "col_source": "Source",
        "col_count": "Number",
        "col_amount": "Amount (€)",
        "col_fee": "Fee (€)",
        "total": "Total",
        "no_income": "No income in the year.",
        "sources_note": "Subsidies are public and their funders always named; other sources "
        "are named only with their consent, the others are pooled by type.",
        "h_payouts": "PAYOUTS",
        "by_category": "By category:",
        "col_category": "Category",
        "by_payee": "By payee:",
        "col_payee": "Payee",
        "col_payouts": "Payouts",
        "no_payout": "No payout in the year.",
        "payees_note": "Only payees who consented are named; the others are pooled on one line.",
        "coordination": "Coordination and animation account for "
        "€{{ totals.coordination|figures }} of the year's payouts"
        "{% if contract.coordination_percent is not none %}, for a share of at most "
        "{{ contract.coordination_percent|percent }}{% endif %}.",
        "h_commitments": "COMMITMENTS ON {{ report.period_end|long_date|upper }}",
        "commitments_lead": "Expenses approved by the commons' representatives and still to be "
        "paid at the year's end:",
        "col_date": "Date",
        "col_description": "Purpose",
        "col_left": "Left to pay (€)",
        "no_commitment": "No approved expense is left to pay at the year's end.",
        "h_dispute": "DISPUTES",
        "dispute": "Any dispute is sent to the Host by a representative of the commons by "
        "{{ report.dispute_until|long_date }} at the latest, stating the figures disputed. "
        "The documents (agreements, invoices, time sheets, approvals, transfers) are available "
        "to the commons' representatives.",
        "place": "Done at {{ host.address.city }}, on {{ report.issued_on|long_date }}.",
        "signatory": "For the Host, {% if host.representative %}"
        "{{ host.representative.name }}, {{ host.representative.role }}"
        "{% else %}{{ host.name }}{% endif %}",
        "footer": "Annual financial report · {{ commons.name }} · year {{ report.year }}",
        "page": "Page ",
        "of": " of ",
        "property": "Annual financial report template of a hosted fund",
        "language": "en-GB",
    },
}


# --------------------------------------------------------------------------------------------
# Writing


class Writer:
    """Writes the report's blocks into a document in the statement's house style."""

    def __init__(self, document: DocumentObject, lang: str) -> None:
        self.document = document
        self.words = WORDS[lang]
        self.typography = french if lang == "fr" else english

    def text(self, key: str) -> str:
        return self.typography(self.words[key])

    def paragraph(self, text: str, style: str) -> None:
        paragraph = self.document.add_paragraph(style=style)
        for index, chunk in enumerate(text.split("**")):
            if chunk:
                run = paragraph.add_run(chunk)
                run.bold = index % 2 == 1 or None

    def tag(self, tag: str) -> None:
        self.document.add_paragraph(tag, style="Template Tag")

    def table(self, widths: Sequence[Cm]) -> Table:
        table = self.document.add_table(rows=0, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _borders(table)
        _margins(table)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        return table

    def row(
        self,
        table: Table,
        cells: Sequence[str],
        *,
        amounts_from: int,
        header: bool = False,
        total: bool = False,
        label_fill: bool = False,
    ) -> None:
        """A row: texts, right-aligned from column `amounts_from` on; a header row repeats on
        every page; a total row is bold on grey."""
        row = table.add_row()
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader" if header else "w:cantSplit"))
        for index, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            style = "Table Amount" if index >= amounts_from else "Table Small"
            _cell_text(cell, self.typography(text), style, bold=header or total)
            if header or total:
                _shade(cell, HEADER_FILL)
            elif label_fill and index == 0:
                _shade(cell, LABEL_FILL)
        for cell, column in zip(row.cells, table.columns, strict=True):
            cell.width = column.width

    def tag_row(self, table: Table, tag: str) -> None:
        """A row that holds only a `{%tr %}` tag: docxtpl removes it at render time."""
        row = table.add_row()
        _cell_text(row.cells[0], tag, "Template Tag")

    def footer(self) -> None:
        section = self.document.sections[0]
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        for child in list(paragraph._p):
            if child.tag != qn("w:pPr"):
                paragraph._p.remove(child)
        paragraph.add_run(self.text("footer"))
        paragraph.add_run("\t" + self.words["page"])
        _field(paragraph, "PAGE")
        paragraph.add_run(self.words["of"])
        _field(paragraph, "NUMPAGES")


def build(base: Path, lang: str) -> bytes:
    """The template of `lang`, from the reversal statement `base` (styles, page, fonts)."""
    document = Document(str(base))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    w = Writer(document, lang)
    t = w.text
    w.paragraph(t("title"), "Title")
    w.paragraph(t("subtitle"), "Subtitle")
    w.paragraph(t("period"), "Statement Period")
    w.paragraph(t("reference"), "Contract Reference")
    w.paragraph(t("notice"), "Statement Notice")

    w.paragraph(t("h_fund"), "Heading 1")
    details = w.table(DETAILS)
    for label, value in (
        ("commons", "commons_value"),
        ("host", "host_value"),
        ("contract", "contract_value"),
        ("fee", "fee_value"),
        ("representatives", "representatives_value"),
    ):
        w.row(details, (w.words[label], w.words[value]), amounts_from=2, label_fill=True)
    w.paragraph(t("restricted"), "Statement Note")

    w.paragraph(t("h_summary"), "Heading 1")
    summary = w.table(TWO_COLUMNS)
    w.row(summary, (w.words["opening"], "{{ totals.opening_balance|figures }}"), amounts_from=1)
    w.row(summary, (w.words["income"], "+ {{ totals.income|figures }}"), amounts_from=1)
    w.row(summary, (w.words["host_fee"], "− {{ totals.host_fee|figures }}"), amounts_from=1)
    w.row(summary, (w.words["paid_out"], "− {{ totals.paid_out|figures }}"), amounts_from=1)
    w.row(
        summary,
        (w.words["closing"], "{{ totals.closing_balance|figures }}"),
        amounts_from=1,
        total=True,
    )
    w.row(summary, (w.words["committed"], "{{ totals.committed|figures }}"), amounts_from=1)
    w.row(summary, (w.words["uncommitted"], "{{ totals.uncommitted|figures }}"), amounts_from=1)
    w.paragraph(t("closing_words"), "Lead-in")
    w.paragraph(t("amounts_note"), "Statement Note")

    w.paragraph(t("h_income"), "Heading 1")
    by_type = w.table(TWO_COLUMNS)
    w.row(by_type, (w.words["col_type"], w.words["col_amount"]), amounts_from=1, header=True)
    w.tag_row(by_type, "{%tr for line in income_by_type %}")
    w.row(by_type, ("{{ line.label }}", "{{ line.amount|figures }}"), amounts_from=1)
    w.tag_row(by_type, "{%tr endfor %}")
    w.row(by_type, (w.words["total"], "{{ totals.income|figures }}"), amounts_from=1, total=True)
    w.tag("{%p if sources %}")
    w.paragraph(t("by_source"), "Lead-in")
    sources = w.table(SOURCES)
    w.row(
        sources,
        tuple(w.words[k] for k in ("col_type", "col_source", "col_count", "col_amount", "col_fee")),
        amounts_from=2,
        header=True,
    )
    w.tag_row(sources, "{%tr for s in sources %}")
    w.row(
        sources,
        (
            "{{ s.type_label }}",
            "{{ s.name }}",
            "{{ s.count }}",
            "{{ s.amount|figures }}",
            "{{ s.host_fee|figures }}",
        ),
        amounts_from=2,
    )
    w.tag_row(sources, "{%tr endfor %}")
    w.row(
        sources,
        (
            w.words["total"],
            "",
            "",
            "{{ totals.income|figures }}",
            "{{ totals.host_fee|figures }}",
        ),
        amounts_from=2,
        total=True,
    )
    w.paragraph(t("sources_note"), "Statement Note")
    w.tag("{%p else %}")
    w.paragraph(t("no_income"), "Normal")
    w.tag("{%p endif %}")

    w.paragraph(t("h_payouts"), "Heading 1")
    w.paragraph(t("by_category"), "Lead-in")
    categories = w.table(TWO_COLUMNS)
    w.row(categories, (w.words["col_category"], w.words["col_amount"]), amounts_from=1, header=True)
    w.tag_row(categories, "{%tr for line in paid_out_by_category %}")
    w.row(categories, ("{{ line.label }}", "{{ line.amount|figures }}"), amounts_from=1)
    w.tag_row(categories, "{%tr endfor %}")
    w.row(
        categories, (w.words["total"], "{{ totals.paid_out|figures }}"), amounts_from=1, total=True
    )
    w.paragraph(t("coordination"), "Statement Note")
    w.tag("{%p if payees %}")
    w.paragraph(t("by_payee"), "Lead-in")
    payees = w.table(PAYEES)
    w.row(
        payees,
        (w.words["col_payee"], w.words["col_payouts"], w.words["col_amount"]),
        amounts_from=1,
        header=True,
    )
    w.tag_row(payees, "{%tr for p in payees %}")
    w.row(payees, ("{{ p.name }}", "{{ p.payouts }}", "{{ p.amount|figures }}"), amounts_from=1)
    w.tag_row(payees, "{%tr endfor %}")
    w.row(
        payees,
        (w.words["total"], "", "{{ totals.paid_out|figures }}"),
        amounts_from=1,
        total=True,
    )
    w.paragraph(t("payees_note"), "Statement Note")
    w.tag("{%p else %}")
    w.paragraph(t("no_payout"), "Normal")
    w.tag("{%p endif %}")

    w.paragraph(t("h_commitments"), "Heading 1")
    w.tag("{%p if commitments %}")
    w.paragraph(t("commitments_lead"), "Lead-in")
    commitments = w.table(COMMITMENTS)
    w.row(
        commitments,
        tuple(w.words[k] for k in ("col_date", "col_description", "col_payee", "col_left")),
        amounts_from=3,
        header=True,
    )
    w.tag_row(commitments, "{%tr for c in commitments %}")
    w.row(
        commitments,
        (
            "{{ c.date|short_date }}",
            "{{ c.description }}",
            "{{ c.payee }}",
            "{{ c.amount|figures }}",
        ),
        amounts_from=3,
    )
    w.tag_row(commitments, "{%tr endfor %}")
    w.row(
        commitments,
        (w.words["total"], "", "", "{{ totals.committed|figures }}"),
        amounts_from=3,
        total=True,
    )
    w.tag("{%p else %}")
    w.paragraph(t("no_commitment"), "Normal")
    w.tag("{%p endif %}")

    w.paragraph(t("h_dispute"), "Heading 1")
    w.paragraph(t("dispute"), "Normal")
    w.paragraph(t("place"), "Signature Place")
    w.paragraph(t("signatory"), "Signatory")
    w.footer()

    properties = document.core_properties
    properties.title = w.words["property"]
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.comments = "docxtpl template: see docs/templates.md"
    properties.language = w.words["language"]
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_docx(buffer.getvalue(), BUILD_TIME)


def _cell_text(cell: _Cell, text: str, style: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    for index, chunk in enumerate(text.split("**")):
        if chunk:
            run = paragraph.add_run(chunk)
            run.bold = (bold or index % 2 == 1) or None


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), RULE_COLOUR)
        element.set(qn("w:space"), "0")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", 30), ("left", 90), ("bottom", 30), ("right", 90)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _field(paragraph: object, instruction: str) -> None:
    """A PAGE or NUMPAGES field, computed by the word processor."""
    run_element = paragraph.add_run()._r  # type: ignore[attr-defined]
    parent = run_element.getparent()
    parent.remove(run_element)
    parts = [("w:fldChar", "begin"), ("w:instrText", instruction), ("w:fldChar", "separate")]
    for tag, value in parts:
        run = copy.deepcopy(run_element)
        child = OxmlElement(tag)
        if tag == "w:fldChar":
            child.set(qn("w:fldCharType"), value)
        else:
            child.set(qn("xml:space"), "preserve")
            child.text = f" {value} "
        run.append(child)
        parent.append(run)
    paragraph.add_run("1")  # type: ignore[attr-defined]
    end = copy.deepcopy(run_element)
    child = OxmlElement("w:fldChar")
    child.set(qn("w:fldCharType"), "end")
    end.append(child)
    parent.append(end)


def main(argv: Sequence[str] = ()) -> int:
    """Create `annual-report-fr.docx` and `annual-report-en.docx` in `templates/` (or the
    folder given), from the statements of `templates/`, each with its plain-text twin
    (`annual-report-fr.txt`...); refuse if any of the four files exists."""
    from commons_contracts.documents.inspect import template_text  # noqa: PLC0415

    folder = Path(argv[0]) if argv else TEMPLATES
    targets = {lang: folder / f"annual-report-{lang}.docx" for lang in WORDS}
    files = [*targets.values(), *(path.with_suffix(".txt") for path in targets.values())]
    existing = [str(path) for path in files if path.exists()]
    if existing:
        print(
            f"refused: {', '.join(existing)} already exist(s); the .docx files are the source "
            "once made, edited in Word or LibreOffice (docs/templates.md).",
            file=sys.stderr,
        )
        return 1
    for lang, target in targets.items():
        base = TEMPLATES / f"statement-{lang}.docx"
        # Exclusive creation: a file made meanwhile by someone else is never overwritten.
        with target.open("xb") as out:
            out.write(build(base, lang))
        with target.with_suffix(".txt").open("x", encoding="utf-8") as twin:
            twin.write(template_text(target))
        print(f"wrote {target} and {target.with_suffix('.txt').name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
