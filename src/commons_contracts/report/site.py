"""The transparency report as a static site: HTML pages (Jinja2, autoescaped), the data files
and the charts, every file written atomically.

The site works from `file://` with no network: the stylesheet is inlined in every page, charts
are inline SVG and a Content-Security-Policy forbids loading anything.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from babel.numbers import get_currency_name

from commons_contracts.core.money import ZERO
from commons_contracts.core.publish import publish_folder
from commons_contracts.errors import RefusedError
from commons_contracts.funds.fund import CATEGORY_LABELS, INCOME_LABELS
from commons_contracts.i18n import wording
from commons_contracts.i18n.catalog import messages, plural
from commons_contracts.i18n.languages import babel_locale
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import (
    ReciprocityContract,
    Registry,
)
from commons_contracts.report.cofinancing import (
    PROFILE_WIDTH,
    CofinancingFigures,
    cofinancing_figures,
)
from commons_contracts.report.exports import (
    figures_as_csv,
    figures_as_json,
    funds_as_json,
    pledge_report,
)
from commons_contracts.report.figures import (
    CommonsReport,
    CommonsYear,
    ContractEntry,
    ReportFigures,
    report_figures,
)
from commons_contracts.report.privacy import Amounts, PoolingRule

_TEMPLATES = "templates"


INDEX_PAGE = "index.html"


COMMONS_FOLDER = "commons"


CAMPAIGNS_FOLDER = "campaigns"


BALLOTS_FOLDER = "ballots"


PLEDGE_FOLDER = "data/pledge"


FIGURES_CSV = "data/figures.csv"


FIGURES_JSON = "data/figures.json"
MANIFEST = ".commons-contracts-report.json"
"""The list, in the site's folder, of the files the last report wrote (the others are the
user's, and are kept)."""


FUNDS_JSON = "data/funds.json"


CHART_WIDTH = 720


_VALUE_ROOM = 150  # room right of the longest bar for its amount


_LEGEND_HEIGHT = 34


_ROW_HEIGHT = 66


_BAR_HEIGHT = 14


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: where it is drawn and the amount it stands for, written out."""

    y: int
    width: float
    value: str


@dataclass(frozen=True)
class ChartRow:
    """A labelled pair of bars: due incl. VAT, then paid (or a fund's income, then payouts)."""

    label: str
    label_y: int
    due: Bar
    paid: Bar


@dataclass(frozen=True)
class BarChart:
    """The geometry of a horizontal bar chart, drawn as inline SVG by the templates."""

    label: str
    width: int
    height: int
    bar_height: int
    rows: tuple[ChartRow, ...]


def bar_chart(
    label: str, lines: Sequence[tuple[str, Amounts]], money: Callable[[Decimal], str]
) -> BarChart:
    """A chart of due (incl. VAT) and paid per line, every bar on one scale. `label` names the
    chart for screen readers; the amounts are written beside the bars, and the page always shows
    them in a table too. Negative amounts (credits) draw no bar."""
    pairs = [(name, amounts.due_incl_tax, amounts.paid) for name, amounts in lines]
    return pair_chart(label, pairs, money)


def pair_chart(
    label: str, lines: Sequence[tuple[str, Decimal, Decimal]], money: Callable[[Decimal], str]
) -> BarChart:
    """A chart of two amounts per line (due and paid; a fund's income and payouts), every bar
    on one scale, the amounts written beside the bars. Negative amounts draw no bar."""
    scale = max((max(first, second) for _, first, second in lines), default=ZERO)
    room = CHART_WIDTH - _VALUE_ROOM

    def bar(y: int, value: Decimal) -> Bar:
        width = float(value / scale * room) if scale > 0 and value > 0 else 0.0
        # A small amount still shows as a sliver, so that "paid something" differs from zero.
        return Bar(y, max(width, 2.0) if value > 0 else 0.0, money(value))

    rows = []
    for index, (name, first, second) in enumerate(lines):
        top = _LEGEND_HEIGHT + index * _ROW_HEIGHT
        rows.append(
            ChartRow(
                label=name,
                label_y=top + 14,
                due=bar(top + 22, first),
                paid=bar(top + 22 + _BAR_HEIGHT + 4, second),
            )
        )
    height = _LEGEND_HEIGHT + len(rows) * _ROW_HEIGHT
    return BarChart(label, CHART_WIDTH, height, _BAR_HEIGHT, tuple(rows))


@dataclass(frozen=True)
class ReportResult:
    """What `build_report` did: the files it wrote and the stale report files it removed."""

    out_dir: Path
    written: tuple[Path, ...]
    removed: tuple[Path, ...] = field(default=())

    @property
    def index(self) -> Path:
        """The report's home page."""
        return self.out_dir / INDEX_PAGE


def _resource(name: str) -> str:
    return (resources.files("commons_contracts.report") / _TEMPLATES / name).read_text(
        encoding="utf-8"
    )


class _Site:
    """The Jinja environment and helpers of one report in one language."""

    def __init__(self, figures: ReportFigures, lang: str) -> None:
        self.figures = figures
        self.lang = lang
        self.text = messages(lang)
        currency = figures.currency
        self.env = jinja2.Environment(
            loader=jinja2.FunctionLoader(_template_source),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            wording.jinja_filters(lang), web_url=_web_url, first_upper=_first_upper
        )
        self.env.globals.update(
            t=self.text,
            lang=lang,
            report=figures,
            count=self.count,
            rate=self.rate,
            status=self.status,
            chart=self.chart,
            fund_chart=self.fund_chart,
            income_labels=INCOME_LABELS,
            category_labels=CATEGORY_LABELS,
            year_lines=self.year_lines,
            commons_lines=self.commons_lines,
            currency_name=str(get_currency_name(currency, count=2, locale=babel_locale(lang))),
            style=_resource("report.css"),
        )

    def count(self, key: str, number: int) -> str:
        """The text `key_one` or `key_other` for `number`, with `{n}` replaced."""
        return plural(key, number, self.lang)

    def rate(self, contract: ReciprocityContract) -> str:
        """A reciprocity contract's rate, or "progressive scale" for tiers."""
        if contract.rate_percent is not None:
            return wording.percent(contract.rate_percent, self.lang)
        return self.text["progressive_rate"]

    def status(self, entry: ContractEntry) -> str:
        """A contract's status in words, with the "changed since signature" flag, the version
        signed by all when amended, and each amendment still waiting for a signature."""
        words = self.text[f"status_{entry.status.status}"]
        if entry.status.changed_since_signature:
            words = f"{words} ({self.text['changed_since_signature']})"
        if entry.status.version:
            words += self.text["status_amended"].format(number=entry.status.version)
        for amendment in entry.status.awaiting:
            signing = amendment.signing
            words += self.text["status_amendment_awaiting"].format(
                number=amendment.number,
                signed=len(signing.signed),
                signatories=len(signing.signed) + len(signing.missing),
            )
        return words

    def chart(self, label: str, lines: Sequence[tuple[str, Amounts]]) -> BarChart:
        """The bar chart of due and paid for these lines."""
        return bar_chart(
            label, lines, lambda amount: wording.money(amount, self.lang, self.figures.currency)
        )

    def fund_chart(self, label: str, report: CommonsReport) -> BarChart:
        """The bar chart of a commons' fund: each year's income and payouts."""
        lines = [(str(y.year), y.income, y.paid_out) for y in report.funds]
        return pair_chart(
            label, lines, lambda amount: wording.money(amount, self.lang, self.figures.currency)
        )

    def year_lines(self, year: CommonsYear) -> list[tuple[str, Amounts]]:
        """The chart lines of one commons' year: its listed actors, then the pooled line when
        it is published (a withheld pool draws no bar at all)."""
        lines = [(line.name, line.amounts) for line in year.contributors]
        if year.others is not None and year.others.amounts is not None:
            lines.append((self.text["other_contributors"], year.others.amounts))
        return lines

    def commons_lines(self, year: int) -> list[tuple[str, Amounts]]:
        """The chart lines of one year on the index: each commons' published total."""
        lines = []
        for report in self.figures.commons:
            for commons_year in report.years:
                # A commons whose lines are all withheld has nothing to draw.
                if commons_year.year == year and self.year_lines(commons_year):
                    lines.append((report.commons.name, commons_year.total))
        return lines

    def page(self, template: str, root: str, current: str, **context: Any) -> bytes:
        """A rendered page: `root` leads back to the report's folder, `current` names the page
        for the navigation."""
        html = self.env.get_template(template).render(root=root, current=current, **context)
        return html.encode("utf-8")


def _template_source(name: str) -> str | None:
    try:
        return _resource(name)
    except FileNotFoundError:
        return None


def _first_upper(text: str) -> str:
    # Jinja's `capitalize` would lower the rest ("Réciprocité (ht)").
    return text[:1].upper() + text[1:]


def _web_url(url: str | None) -> str | None:
    # Only a web address becomes a link: a `javascript:` or `file:` URL in the data stays text.
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


def _others_label(text: Mapping[str, str]) -> str:
    return text["other_contributors"]


def _json_bytes(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _site_files(
    figures: ReportFigures, lang: str, cofinancing: CofinancingFigures | None = None
) -> dict[str, bytes]:
    cofinancing = cofinancing or CofinancingFigures((), {}, ())
    site = _Site(figures, lang)
    site.env.globals.update(cofinancing=cofinancing, profile_width=PROFILE_WIDTH)
    others = _others_label(site.text)
    files = {INDEX_PAGE: site.page("index.html.j2", "", "index")}
    for report in figures.commons:
        commons_id = report.commons.id
        files[f"{COMMONS_FOLDER}/{commons_id}.html"] = site.page(
            "commons.html.j2", "../", f"commons:{commons_id}", commons=report
        )
        files[f"{PLEDGE_FOLDER}/{commons_id}.json"] = _json_bytes(
            pledge_report(figures, report, others)
        )
    for page in cofinancing.campaigns:
        campaign_id = page.progress.campaign.id
        files[f"{CAMPAIGNS_FOLDER}/{campaign_id}.html"] = site.page(
            "campaign.html.j2", "../", f"campaign:{campaign_id}", page=page
        )
    for ballot in cofinancing.ballots:
        files[f"{BALLOTS_FOLDER}/{ballot.ballot.id}.html"] = site.page(
            "ballot.html.j2", "../", f"ballot:{ballot.ballot.id}", page=ballot
        )
    files[FIGURES_CSV] = figures_as_csv(figures, others).encode("utf-8")
    files[FIGURES_JSON] = _json_bytes(figures_as_json(figures))
    files[FUNDS_JSON] = _json_bytes(funds_as_json(figures))
    return files


def build_report(
    registry: Registry,
    out_dir: Path,
    lang: str,
    as_of: datetime.date,
    *,
    rule: PoolingRule | None = None,
) -> ReportResult:
    """Write the transparency report of `registry` as of `as_of` into `out_dir`, in `lang`.

    The site is `index.html`, one `commons/<id>.html` per commons, one
    `campaigns/<id>.html` per co-financing campaign, one `ballots/<id>.html` per ballot open
    by `as_of`, `data/figures.csv`,
    `data/figures.json` and one `data/pledge/<id>.json` per commons. It replaces the previous
    report as a whole, in one step (:func:`~commons_contracts.core.publish.publish_folder`):
    a reader or a killed run sees the old site or the new one, never a mix; the files of the
    previous report that the new one does not have (a commons that left the registry) go; every
    other file of `out_dir`, which the tool did not write, stays. Unlisted actors
    are pooled by `rule` (default :class:`PoolingRule`). Raises UsageError for an unsupported
    language and RefusedError when the folder cannot be written.
    """
    messages(lang)  # an unknown language fails before anything is computed
    figures = report_figures(registry, as_of, rule=rule)
    files = _site_files(figures, lang, cofinancing_figures(registry, as_of, figures.rule.threshold))
    try:
        published = publish_folder(out_dir, files, manifest=MANIFEST)
    except OSError as error:
        raise RefusedError(
            _("cannot write the report into {out_dir}: {error}").format(
                out_dir=out_dir, error=error
            )
        ) from error
    return ReportResult(out_dir, published.written, published.removed)
