"""The transparency report: its figures against `balance`, the privacy of unlisted actors, the
site's independence from the network, and the pages as a browser renders them."""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import EXAMPLES

from commons_contracts.core.money import split_in_proportion
from commons_contracts.errors import UsageError
from commons_contracts.ledger.balances import balances_as_json, compute_balances
from commons_contracts.registry.model import ReciprocityContract, Registry
from commons_contracts.report.figures import contract_cells, report_figures
from commons_contracts.report.privacy import Amounts, PoolingRule
from commons_contracts.report.site import FIGURES_CSV, FIGURES_JSON, build_report
from commons_contracts.signatures.signing import signature_draft
from commons_contracts.validation.entries import add_records
from commons_contracts.validation.validate import validate_registry

AS_OF = datetime.date(2026, 11, 28)
HIDDEN_CONTRACT = "reciprocite-scic-communs"
ALICE_CONTRACT = "reciprocite-alice-movilab"
# Publishes any pool, even of one actor: lets the tests compare the pooled line with `balance`.
EVERY_POOL = PoolingRule(min_actors=1, max_share_percent=Decimal(100))
CHROMIUM = Path("/usr/bin/chromium")


# --- fixtures -----------------------------------------------------------------------------------


def _registry(root: Path) -> Registry:
    result = validate_registry(root)
    assert result.registry is not None, result.diagnostics
    return result.registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The example registry, validated."""
    return _registry(EXAMPLES)


@pytest.fixture(scope="module")
def site(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French report of the example registry, as the command writes it."""
    out = tmp_path_factory.mktemp("report-fr")
    build_report(registry, out, "fr", AS_OF)
    return out


@pytest.fixture(scope="module")
def site_en(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English report of the example registry."""
    out = tmp_path_factory.mktemp("report-en")
    build_report(registry, out, "en", AS_OF)
    return out


@pytest.fixture(scope="module")
def site_every_pool(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The French report with every pool of unlisted actors published."""
    out = tmp_path_factory.mktemp("report-every-pool")
    build_report(registry, out, "fr", AS_OF, rule=EVERY_POOL)
    return out


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _sign_again(root: Path, contract_id: str) -> None:
    """Sign `contract_id` again on its terms of today, by the same signatories on the same days,
    as after an amendment: a changed party leaves the signatures of the old terms behind."""
    found = sorted((root / "signatures").glob("*.yaml"))
    signed = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in found}
    old = [path for path, record in signed.items() if record["contract"] == contract_id]
    records = [signed[path] for path in old]
    for path in old:
        path.unlink()
    registry = _registry(root)
    drafts = [
        signature_draft(
            registry,
            root,
            contract_id,
            signatory=record["signatory"],
            signed_on=str(record["signed_on"]),
            method=record["method"],
            signed_file=None,
            recorded_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        )[0]
        for record in records
    ]
    assert add_records(root, drafts).ok


def _balance(registry: Registry) -> list[dict[str, Any]]:
    document = balances_as_json(compute_balances(registry, AS_OF), AS_OF)
    contracts: list[dict[str, Any]] = document["contracts"]  # type: ignore[assignment]
    return contracts


def _listed(registry: Registry, contract_id: str) -> bool:
    contract = registry.contracts[contract_id]
    assert isinstance(contract, ReciprocityContract)
    return contract.public_listing


# --- figures against `balance` ------------------------------------------------------------------

MEASURES = ("revenue_excl_tax", "due_excl_tax", "vat", "due_incl_tax", "paid", "outstanding")


def _year_sums(contracts: list[dict[str, Any]]) -> dict[int, dict[str, Decimal]]:
    sums: defaultdict[int, dict[str, Decimal]] = defaultdict(
        lambda: dict.fromkeys(MEASURES, Decimal(0))
    )
    for contract in contracts:
        for period in contract["periods"]:
            for measure in MEASURES:
                sums[int(period["period"][:4])][measure] += Decimal(period[measure])
    return dict(sums)


def _export_years(site: Path) -> dict[int, dict[str, Decimal]]:
    return {
        entry["year"]: {m: Decimal(entry[m]) for m in MEASURES}
        for entry in _json(site / FIGURES_JSON)["years"]
    }


def test_yearly_totals_are_the_listed_contracts_balance(registry: Registry, site: Path) -> None:
    # The example's only unlisted actor is alone in its pools: its amounts are withheld, so the
    # totals are exactly those of the listed contracts.
    listed = [c for c in _balance(registry) if _listed(registry, c["contract"])]
    assert len(listed) == 2
    assert _export_years(site) == _year_sums(listed)


def test_yearly_totals_with_every_pool_published_are_the_whole_balance(
    registry: Registry, site_every_pool: Path
) -> None:
    assert _export_years(site_every_pool) == _year_sums(_balance(registry))
    assert _export_years(site_every_pool)[2026]["due_incl_tax"] == Decimal("2784.97")


def _by_commons_sums(registry: Registry, listed: bool) -> dict[tuple[str, int], Decimal]:
    # The due excl. VAT per commons and year, from each declaration's `by_commons`.
    sums: defaultdict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for balance in compute_balances(registry, AS_OF):
        if balance.contract.public_listing != listed:
            continue
        for period in balance.reversal.periods:
            for declaration in period.declarations:
                for commons_id, part in declaration.by_commons.items():
                    sums[(commons_id, declaration.date.year)] += part
    return dict(sums)


def test_commons_figures_are_the_by_commons_sums(registry: Registry, site_every_pool: Path) -> None:
    document = _json(site_every_pool / FIGURES_JSON)
    listed: dict[tuple[str, int], Decimal] = {}
    others: dict[tuple[str, int], Decimal] = {}
    for commons in document["commons"]:
        for year in commons["years"]:
            cell = (commons["id"], year["year"])
            listed[cell] = sum(
                (Decimal(line["due_excl_tax"]) for line in year["contributors"]), Decimal(0)
            )
            if year["other_contributors"] is not None:
                others[cell] = Decimal(year["other_contributors"]["due_excl_tax"])
    assert {k: v for k, v in listed.items() if v} == _by_commons_sums(registry, listed=True)
    assert others == _by_commons_sums(registry, listed=False)
    assert others == {
        ("cahier-activites", 2026): Decimal("177.38"),
        ("movilab", 2026): Decimal("261.37"),
    }


def test_commons_page_shows_the_by_commons_due(site: Path) -> None:
    page = (site / "commons" / "movilab.html").read_text(encoding="utf-8")
    # Alice Moreau's due to Movilab excl. VAT, with French figures (narrow no-break space).
    assert '<td class="num">796,67</td>' in page
    assert "15\u202f933,33" in page


def test_a_contracts_cells_add_up_to_its_periods(registry: Registry) -> None:
    shares = {d.id: d.commons_shares for d in registry.declarations}
    for balance in compute_balances(registry, AS_OF):
        cells = contract_cells(balance, shares)
        for year in {int(p.period[:4]) for p in balance.reversal.periods}:
            periods = [p for p in balance.reversal.periods if p.period.startswith(str(year))]
            total = sum((a for (_, y), a in cells.items() if y == year), Amounts())
            assert total.revenue_excl_tax == sum(p.revenue_excl_tax for p in periods)
            assert total.due_excl_tax == sum(p.due_excl_tax for p in periods)
            assert total.vat == sum(p.vat for p in periods)
            assert total.due_incl_tax == sum(p.due_incl_tax for p in periods)
            assert total.paid == sum(p.paid for p in periods)


def test_multi_commons_revenue_is_split_by_the_declared_shares(registry: Registry) -> None:
    figures = report_figures(registry, AS_OF, rule=EVERY_POOL)
    pooled = {
        report.commons.id: year.others.amounts
        for report in figures.commons
        for year in report.years
        if year.others is not None and year.others.amounts is not None
    }
    # 8400 × 70 % + 9150 × 50 % and 8400 × 30 % + 9150 × 50 %.
    assert pooled["movilab"].revenue_excl_tax == Decimal("10455.00")
    assert pooled["cahier-activites"].revenue_excl_tax == Decimal("7095.00")
    assert pooled["movilab"].overdue == 0


def test_csv_rows_add_up_to_the_json_totals(site_every_pool: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site_every_pool / FIGURES_CSV).read_text("utf-8"))))
    document = _json(site_every_pool / FIGURES_JSON)
    for year in document["years"]:
        for measure in MEASURES:
            found = sum(Decimal(r[measure]) for r in rows if r["year"] == str(year["year"]))
            assert found == Decimal(year[measure]), measure


def test_pledge_reports_follow_the_figures(site: Path) -> None:
    document = _json(site / FIGURES_JSON)
    for commons in document["commons"]:
        pledge = _json(site / "data" / "pledge" / f"{commons['id']}.json")
        assert pledge["commons"]["id"] == commons["id"]
        for year, annual in zip(commons["years"], pledge["annualReports"], strict=True):
            assert annual["year"] == year["year"]
            assert annual["dateYearEnding"] == f"{year['year']}-12-31"
            paid = sum(Decimal(p["amount"]) for p in annual["monetaryPayments"])
            assert paid == Decimal(annual["totals"]["paid"]) == Decimal(year["total"]["paid"])
            assert annual["totals"]["dueInclTax"] == year["total"]["due_incl_tax"]
    movilab = _json(site / "data" / "pledge" / "movilab.json")["annualReports"][0]
    assert movilab["withheldContributors"] == 1
    assert movilab["monetaryPayments"] == [
        {"from": "Alice Moreau", "amount": "515.00", "amountDue": "956.00"}
    ]


# --- helpers ------------------------------------------------------------------------------------


def test_split_in_proportion_loses_no_cent() -> None:
    parts = split_in_proportion(
        Decimal("100.00"), {"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}
    )
    assert parts == {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
    parts = split_in_proportion(Decimal("-0.05"), {"a": Decimal("3"), "b": Decimal("1")})
    assert parts == {"a": Decimal("-0.04"), "b": Decimal("-0.01")}
    assert split_in_proportion(Decimal("0.01"), {"b": Decimal(0), "a": Decimal(0)}) == {
        "a": Decimal("0.01"),
        "b": Decimal("0.00"),
    }
    # Weights of both signs (a credit note on one commons) still add up.
    parts = split_in_proportion(Decimal("10.00"), {"a": Decimal("12"), "b": Decimal("-2")})
    assert parts == {"a": Decimal("12.00"), "b": Decimal("-2.00")}
    assert str(split_in_proportion(Decimal("0.00"), {"a": Decimal(1)})["a"]) == "0.00"


def _amounts(due: str, paid: str = "0") -> Amounts:
    return Amounts(
        revenue_excl_tax=Decimal(due) * 20,
        due_excl_tax=Decimal(due),
        due_incl_tax=Decimal(due),
        paid=Decimal(paid),
    )


def test_pooling_rule() -> None:
    rule = PoolingRule()
    three = {"a": _amounts("100", "50"), "b": _amounts("90", "40"), "c": _amounts("80", "60")}
    assert rule.allows(three)
    assert not rule.allows({"a": _amounts("100"), "b": _amounts("90")})
    # One actor weighing more than 85 % of what the pool paid would be exposed by it.
    dominated = {"a": _amounts("100", "900"), "b": _amounts("90", "50"), "c": _amounts("80", "50")}
    assert not rule.allows(dominated)
    # Nobody paid yet: a zero total exposes no one.
    assert rule.allows({k: _amounts(v.due_excl_tax.to_eng_string()) for k, v in three.items()})


def test_unknown_language_is_a_usage_error(registry: Registry, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown language 'de'"):
        build_report(registry, tmp_path, "de", AS_OF)
    assert not any(tmp_path.iterdir())


# --- files --------------------------------------------------------------------------------------


def test_files_written(registry: Registry, tmp_path: Path) -> None:
    result = build_report(registry, tmp_path, "fr", AS_OF)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in result.written)
    assert names == [
        "ballots/choix-2026.html",
        "campaigns/movilab-wiki-2026.html",
        "commons/boussole.html",
        "commons/cahier-activites.html",
        "commons/movilab.html",
        "data/figures.csv",
        "data/figures.json",
        "data/funds.json",
        "data/pledge/boussole.json",
        "data/pledge/cahier-activites.json",
        "data/pledge/movilab.json",
        "index.html",
    ]
    assert result.index == tmp_path / "index.html"
    assert result.removed == ()


def test_rebuilding_replaces_the_report_and_only_it(
    registry: Registry, example_copy: Path, tmp_path: Path
) -> None:
    """A new report replaces the files of the previous one (those of a commons that left the
    registry go), and keeps every file it did not write, even among its own pages."""
    first = build_report(registry, tmp_path, "fr", AS_OF)
    before = {p: p.read_bytes() for p in first.written}
    mine = [tmp_path / "README.txt", tmp_path / "commons" / "my-notes.html"]
    for path in mine:
        path.write_text("not a report file")
    (tmp_path / "index.html").write_text("previous report")
    second = build_report(registry, tmp_path, "fr", AS_OF)
    assert second.removed == ()
    assert all(path.read_text() == "not a report file" for path in mine)
    # Same registry, same date: same bytes.
    assert {p: p.read_bytes() for p in second.written} == before
    # The Boussole commons leaves the registry: its page and Pledge report go, nothing else.
    for relative in ("commons/boussole.yaml", "contracts/hebergement-boussole.yaml"):
        (example_copy / relative).unlink()
    for contract in ("reciprocite-atelier-boussole",):
        (example_copy / "contracts" / f"{contract}.yaml").unlink()
        for folder in ("declarations", "payments", "signatures", "terminations"):
            for path in (example_copy / folder).rglob("*.yaml"):
                if contract in path.read_text(encoding="utf-8"):
                    path.unlink()
    for path in (example_copy / "signatures").glob("hebergement-boussole-*.yaml"):
        path.unlink()
    shutil.rmtree(example_copy / "ballots")  # its ballot has Boussole as a candidate
    third = build_report(_registry(example_copy), tmp_path, "fr", AS_OF)
    assert sorted(third.removed) == [
        tmp_path / "ballots" / "choix-2026.html",
        tmp_path / "commons" / "boussole.html",
        tmp_path / "data" / "pledge" / "boussole.json",
    ]
    assert all(path.read_text() == "not a report file" for path in mine)


def test_a_report_never_writes_through_a_symbolic_link(registry: Registry, tmp_path: Path) -> None:
    """A `data` folder that is a link to elsewhere: nothing is written where it points, the
    report's own `data` folder takes its place."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "data").symlink_to(elsewhere, target_is_directory=True)
    build_report(registry, site, "fr", AS_OF)
    assert list(elsewhere.iterdir()) == []
    assert (site / "data" / "figures.csv").is_file() and not (site / "data").is_symlink()


def test_html_is_escaped(example_copy: Path, tmp_path: Path) -> None:
    path = example_copy / "commons" / "movilab.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Movilab", 'name: "Movilab <script>alert(1)</script> & Co"')
    path.write_text(text, encoding="utf-8")
    build_report(_registry(example_copy), tmp_path, "fr", AS_OF)
    for page in tmp_path.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html
        assert "Movilab &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(
    example_copy: Path, tmp_path: Path
) -> None:
    """A party named `=HYPERLINK(...)` reaches data/figures.csv as text a spreadsheet shows,
    never as a formula it runs; negative amounts are untouched."""
    path = example_copy / "parties" / "alice-conseil.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Alice Moreau", """name: '=HYPERLINK("http://evil.example","x")'""")
    path.write_text(text, encoding="utf-8")
    _sign_again(example_copy, "reciprocite-alice-movilab")
    build_report(_registry(example_copy), tmp_path, "fr", AS_OF)
    rows = list(csv.reader(io.StringIO((tmp_path / FIGURES_CSV).read_text("utf-8"))))
    names = [row[4] for row in rows[1:]]
    assert """'=HYPERLINK("http://evil.example","x")""" in names
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_empty_registry_report(starter: Path, tmp_path: Path) -> None:
    # The starter registry may have few figures; the report still builds in both languages.
    registry = _registry(starter)
    for lang in ("fr", "en"):
        result = build_report(registry, tmp_path / lang, lang, datetime.date(2020, 1, 1))
        assert (tmp_path / lang / "index.html") in result.written


# --- privacy ------------------------------------------------------------------------------------


def _hidden_strings(registry: Registry) -> list[str]:
    """Everything that could name the unlisted actor, or give its amounts away."""
    contract = registry.contracts[HIDDEN_CONTRACT]
    assert isinstance(contract, ReciprocityContract) and not contract.public_listing
    party = registry.parties[contract.actor]
    found = [contract.id, party.id, party.name, party.address.street]
    found += [v for v in (party.siren, party.siret, party.vat_number, party.email) if v]
    if party.representative is not None:
        found.append(party.representative.name)
    found += [d.id for d in registry.declarations if d.contract == contract.id]
    found += [
        d.invoice_ref for d in registry.declarations if d.contract == contract.id and d.invoice_ref
    ]
    # Its amounts: total revenue and dues, dues per commons, revenue per commons.
    amounts = [Decimal("17550.00"), Decimal("438.75"), Decimal("261.37"), Decimal("177.38")]
    amounts += [Decimal("10455.00"), Decimal("7095.00")]
    # Totals that would include it, from which it could be subtracted.
    balance = _balance(registry)
    amounts.append(sum(Decimal(c["due_incl_tax"]) for c in balance))  # 2784.97
    amounts.append(Decimal("796.67") + Decimal("261.37"))  # Movilab's due with it
    amounts.append(sum(Decimal(p["revenue_excl_tax"]) for c in balance for p in c["periods"]))
    for amount in amounts:
        found += [str(amount), _french(amount), f"{amount:,.2f}"]
    return found


def _french(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")


def test_unlisted_actor_appears_nowhere(registry: Registry, site: Path, site_en: Path) -> None:
    hidden = _hidden_strings(registry)
    assert "Territoires Partagés" in hidden and "000000505" in hidden and "17\u202f550,00" in hidden
    files = [p for root in (site, site_en) for p in root.rglob("*") if p.is_file()]
    assert len(files) == 26  # 12 files of each site, and each site's list of its files
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in hidden:
            assert secret not in text, f"{secret!r} in {path}"
            assert secret not in path.as_posix()


def test_unlisted_actor_is_unnamed_even_when_its_pool_is_published(
    registry: Registry, site_every_pool: Path
) -> None:
    contract = registry.contracts[HIDDEN_CONTRACT]
    assert isinstance(contract, ReciprocityContract)
    party = registry.parties[contract.actor]
    for path in (p for p in site_every_pool.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        for secret in (contract.id, party.id, party.name, party.siren or "?"):
            assert secret not in text, f"{secret!r} in {path}"


def test_unlisted_actor_is_counted(site: Path) -> None:
    page = (site / "commons" / "movilab.html").read_text(encoding="utf-8")
    assert "Autres contributeurs" in page and "1 acteur non listé" in page
    assert "montants non publiés" in page and "Total publié" in page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "1 contrat de réciprocité n’est pas listé" in index
    document = _json(site / FIGURES_JSON)
    movilab = next(c for c in document["commons"] if c["id"] == "movilab")
    assert movilab["years"][0]["other_contributors"] == {"count": 1, "published": False}
    assert document["pooling"]["unlisted_contracts"] == 1


def _named(registry: Registry, contract_id: str) -> bool:
    """Whether the report names the actor of `contract_id` with its figures."""
    figures = report_figures(registry, AS_OF)
    return any(
        contract_id == entry.id for commons in figures.commons for entry in commons.reciprocity
    )


def test_an_actor_is_named_only_once_its_contract_recording_consent_is_signed(
    example_copy: Path,
) -> None:
    alice = "reciprocite-alice-movilab"
    assert _named(_registry(example_copy), alice)
    # Consent recorded, but the actor has not signed: no consent yet, no name.
    (example_copy / "signatures" / f"{alice}-actor.yaml").unlink()
    unsigned = _registry(example_copy)
    assert unsigned.consents_to_listing(unsigned.reciprocity_contract(alice))
    assert not _named(unsigned, alice)
    # Consent changed after signature (true written over a signed false): the signed terms no
    # longer match, and a consent nobody signed names nobody.
    scic = example_copy / "contracts" / f"{HIDDEN_CONTRACT}.yaml"
    text = scic.read_text(encoding="utf-8")
    scic.write_text(text.replace("public_listing: false", "public_listing: true"), "utf-8")
    edited = _registry(example_copy)
    assert edited.consents_to_listing(edited.reciprocity_contract(HIDDEN_CONTRACT))
    assert not _named(edited, HIDDEN_CONTRACT)
    # Signed again with the consent: named.
    _sign_again(example_copy, HIDDEN_CONTRACT)
    assert _named(_registry(example_copy), HIDDEN_CONTRACT)


def test_in_format_2_consent_is_never_presumed(example_copy: Path) -> None:
    """A format 2 contract that does not say `public_listing` names nobody; format 1 keeps its
    old default (true), as its signed contracts said."""
    path = example_copy / "contracts" / "reciprocite-alice-movilab.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith("public_listing")), "utf-8")
    _sign_again(example_copy, "reciprocite-alice-movilab")
    registry = _registry(example_copy)
    assert registry.workspace.format == 2
    assert not registry.consents_to_listing(registry.reciprocity_contract(ALICE_CONTRACT))
    assert not _named(registry, ALICE_CONTRACT)


def test_partners_are_the_royalty_contracts_in_force(site: Path, site_en: Path) -> None:
    """Alice (royalty, in force) is Movilab's partner; the SCIC (donation, unlisted) is not."""
    document = _json(site / FIGURES_JSON)
    partners = {c["id"]: c["partners"] for c in document["commons"]}
    assert partners["movilab"] == ["Alice Moreau"]
    assert partners["cahier-activites"] == []
    page = (site / "commons" / "movilab.html").read_text(encoding="utf-8")
    assert '<h3 id="partners">Partenaires du commun</h3>' in page
    assert "<p>Alice Moreau</p>" in page
    english = (site_en / "commons" / "movilab.html").read_text(encoding="utf-8")
    assert '<h3 id="partners">Partners of the commons</h3>' in english
    assert "Territoires" not in page + english


# --- offline ------------------------------------------------------------------------------------


class _Loads(HTMLParser):
    """Collects what a page would load, and its links."""

    LOADING = frozenset(
        ("src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href")
    )

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in self.LOADING or (name == "href" and tag != "a"):
                self.loads.append(value)
            elif name == "href":
                self.links.append(value)
            elif name == "style":
                self.styles.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _pages(*roots: Path) -> list[Path]:
    return [page for root in roots for page in sorted(root.rglob("*.html"))]


def test_pages_load_nothing_from_the_network(registry: Registry, site: Path, site_en: Path) -> None:
    websites = {c.url for c in registry.commons.values() if c.url}
    for page in _pages(site, site_en):
        parser = _Loads()
        html = page.read_text(encoding="utf-8")
        parser.feed(html)
        # Nothing is loaded at all: no script, stylesheet, image, font or frame.
        assert parser.loads == [], page
        assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed", "video"}
        for style in parser.styles:
            assert "@import" not in style and "url(" not in style, page
        assert "Content-Security-Policy" in html and "default-src 'none'" in html
        for link in parser.links:
            if link.startswith(("http://", "https://")):
                # The only outside links are the commons' own websites, followed by a click.
                assert link in websites, (page, link)
            else:
                assert "://" not in link and not link.startswith("//"), (page, link)
                assert (page.parent / link.split("#")[0]).resolve().exists(), (page, link)


# --- structure ----------------------------------------------------------------------------------


def test_pages_are_accessible(site: Path, site_en: Path) -> None:
    for page, lang in [(p, "fr") for p in _pages(site)] + [(p, "en") for p in _pages(site_en)]:
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert html.count("<table") == html.count("<caption>"), page
        assert 'scope="col"' in html and 'scope="row"' in html
        assert html.count("<svg") == html.count('role="img"') == html.count("<title>") - 1
        assert html.count("<svg") == html.count("aria-label=") - 1  # and the navigation's
    movilab = (site / "commons" / "movilab.html").read_text(encoding="utf-8")
    assert movilab.count("<svg") == 2  # who gives back, and the hosted fund
    assert "1er janvier 2026" in movilab and "28 novembre 2026" in movilab
    assert "956,00\u00a0€" in movilab  # chart values come from wording.money


# --- browser ------------------------------------------------------------------------------------


def _chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *arguments,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium package at /usr/bin/chromium"
)
@pytest.mark.parametrize("page", ["index.html", "commons/movilab.html"])
def test_browser_renders_tables_and_charts(site: Path, tmp_path: Path, page: str) -> None:
    url = (site / page).as_uri()
    dom = _chromium(tmp_path, "--dump-dom", url).stdout
    assert "<svg" in dom and 'role="img"' in dom and "<rect" in dom
    assert dom.count("<table") >= 3 and "<caption>" in dom
    assert "Alice Moreau" in dom and "Territoires Partagés" not in dom
    shutil.rmtree(tmp_path / "profile")
    screenshot = tmp_path / "x.png"
    _chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,1600", url)
    assert _png_size(screenshot) == (1280, 1600)
    # A blank page compresses to a few kilobytes; a rendered report is far larger.
    assert screenshot.stat().st_size > 50_000


# --- hosted funds ---------------------------------------------------------------------------


def test_the_hosted_fund_per_commons_and_year(site: Path) -> None:
    """As of 28 November 2026, Movilab's fund holds the year's movements to that day: the
    same figures as `funds --as-of 2026-11-28` and the annual report (by hand in
    tests/test_funds.py): 30,429.17 in, 2,434.33 of fees, 11,813.75 paid out, 16,181.09 at the
    end, 3,000.00 committed (the invoice of 16 November, approved on 23 November)."""
    document = _json(site / "data" / "funds.json")
    movilab = next(c for c in document["commons"] if c["id"] == "movilab")
    (year,) = movilab["years"]
    assert year["year"] == 2026
    assert (year["opening_balance"], year["closing_balance"]) == ("0.00", "16181.09")
    assert year["income"]["total"] == "30429.17"
    assert year["income"]["by_type"]["subsidy"] == "20000.00"
    assert year["host_fee"] == "2434.33"
    assert year["paid_out"]["by_category"] == {
        "development": "8413.75",
        "coordination": "1400.00",
        "other": "2000.00",
    }
    assert year["paid_out"]["by_payee"] == [
        {"name": "Studio Lumen", "payees": 1, "payouts": 1, "amount": "4200.00"},
        {"name": None, "payees": 4, "payouts": 4, "amount": "7613.75"},
    ]
    assert year["committed"] == "3000.00"
    cahier = next(c for c in document["commons"] if c["id"] == "cahier-activites")
    assert cahier["years"] == []
    page = (site / "commons" / "movilab.html").read_text(encoding="utf-8")
    assert "Fonds hébergé" in page and "Le fonds en 2026" in page
    assert "16\u202f181,09" in page and "4 bénéficiaires non nommés" in page
    assert "Réciprocité (HT)" in page
    assert "Graphique en barres : recettes et versements du fonds de Movilab" in page
    cahier_page = (site / "commons" / "cahier-activites.html").read_text(encoding="utf-8")
    assert "Aucun mouvement du fonds hébergé pour l’instant." in cahier_page


def test_the_fund_follows_the_as_of_date(registry: Registry, tmp_path: Path) -> None:
    """Before 16 March only the two co-financings are in: 10,000 less 800 of fees."""
    build_report(registry, tmp_path, "en", datetime.date(2026, 3, 1))
    document = _json(tmp_path / "data" / "funds.json")
    movilab = next(c for c in document["commons"] if c["id"] == "movilab")
    (year,) = movilab["years"]
    assert (year["income"]["total"], year["host_fee"]) == ("10000.00", "800.00")
    assert (year["paid_out"]["total"], year["closing_balance"]) == ("0.00", "9200.00")


def test_payees_and_sources_are_named_only_with_consent(site: Path, site_en: Path) -> None:
    for path in (p for root in (site, site_en) for p in root.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        for hidden in ("Léa Moreau", "Karim Haddad", "Sophie Lambert", "Bapaume", "France Tiers"):
            assert hidden not in text, f"{hidden!r} in {path}"


def _site_state(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_a_report_killed_at_any_point_leaves_the_old_site_or_the_new(tmp_path: Path) -> None:
    """`report` killed (SIGKILL) at seeded random moments: the site is each time exactly the
    previous report or the new one, with the user's own file, never a mix."""
    site = tmp_path / "site"
    command = [sys.executable, "-m", "commons_contracts", "report", "-r", str(EXAMPLES)]
    subprocess.run([*command, "--out", str(site), "--as-of", "2026-06-30"], check=True)
    (site / "notes.txt").write_text("mine")
    old = _site_state(site)
    new_site = tmp_path / "new"
    subprocess.run([*command, "--out", str(new_site), "--as-of", "2026-11-28"], check=True)
    new = {**_site_state(new_site), "notes.txt": b"mine"}
    assert old != new
    generator = random.Random(20261201)
    for _ in range(8):
        process = subprocess.Popen(
            [*command, "--out", str(site), "--as-of", "2026-11-28"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(generator.uniform(0.2, 2.0))
        process.kill()
        process.wait()
        state = _site_state(site)
        assert state in (old, new)
        if state == new:  # start again from the old site
            shutil.rmtree(site)
            subprocess.run([*command, "--out", str(site), "--as-of", "2026-06-30"], check=True)
            (site / "notes.txt").write_text("mine")
    # The next run cleans what the killed ones left beside the site.
    subprocess.run([*command, "--out", str(site), "--as-of", "2026-11-28"], check=True)
    assert _site_state(site) == new
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []
