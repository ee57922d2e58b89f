"""Validation rules across records, on a starter registry with one change each."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import EXAMPLES

from commons_contracts.validation.validate import validate_registry


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _found(root: Path) -> list[tuple[str, int, str, str]]:
    return [(d.path, d.line, d.severity.value, d.code) for d in validate_registry(root).diagnostics]


CONTRACT = "contracts/reciprocite-mon-acteur.yaml"
HOSTING = "contracts/hebergement-mon-commun.yaml"


def test_example_registry_is_valid_without_warnings() -> None:
    """The bundled example registry validates cleanly and every record becomes an object."""
    result = validate_registry(EXAMPLES)
    assert result.diagnostics == []
    registry = result.registry
    assert registry is not None
    assert len(registry.commons) == 3
    assert len(registry.parties) == 4
    assert len(registry.contracts) == 6
    assert len(registry.declarations) == 13
    assert registry.workspace.name == "Réseau des tiers-lieux des Hauts-de-France"


def test_starter_registry_is_valid_without_warnings(starter: Path) -> None:
    """`init` gives a registry that validates with no diagnostic at all."""
    assert _found(starter) == []


def test_tiers_must_increase_with_only_the_last_open(starter: Path) -> None:
    """A decreasing up_to and an open tier in the middle are each located."""
    _edit(
        starter,
        CONTRACT,
        "  - rate_percent: 5      #",
        "  - up_to: 1500\n    rate_percent: 1\n  - rate_percent: 6\n  - rate_percent: 5      #",
    )
    assert _found(starter) == [
        (CONTRACT, 18, "error", "tiers-order"),  # 1500 after 2000
        (CONTRACT, 20, "error", "tiers-order"),  # an open tier before the last
    ]


def test_last_tier_must_be_open(starter: Path) -> None:
    """A last tier with an up_to leaves revenue above it uncovered: an error at its key."""
    _edit(
        starter,
        CONTRACT,
        "  - rate_percent: 5      #",
        "  - up_to: 9000\n    rate_percent: 5      #",
    )
    assert _found(starter) == [(CONTRACT, 18, "error", "tiers-order")]


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ("commons_shares:\n  mon-commun: 100\n", [(3, "shares-not-allowed")]),
    ],
)
def test_shares_on_a_single_commons_contract_are_an_error(
    starter: Path, shares: str, expected: list[tuple[int, str]]
) -> None:
    """A declaration on a one-commons contract must not split its due."""
    relative = "declarations/2026/shared.yaml"
    _write(
        starter,
        relative,
        "kind: declaration\nid: shared\n" + shares + "contract: reciprocite-mon-acteur\n"
        "date: 2026-05-01\namount_excl_tax: 100\n",
    )
    assert _found(starter) == [(relative, line, "error", code) for line, code in expected]


def _two_commons(starter: Path) -> None:
    _write(
        starter,
        "commons/autre.yaml",
        "kind: commons\nid: autre\nname: Autre\ndescription: Un autre commun.\nlicence: MIT\n"
        "governance: {decision_body: le collectif, decision_rule: au consentement}\n"
        "representatives: [{name: Ana Lopez, email: ana@example.org, mandate: depuis 2026}]\n",
    )
    _write(
        starter,
        "contracts/hebergement-autre.yaml",
        (starter / HOSTING)
        .read_text()
        .replace("hebergement-mon-commun", "hebergement-autre")
        .replace("commons: mon-commun", "commons: autre"),
    )
    _edit(starter, CONTRACT, "commons: mon-commun ", "commons: [mon-commun, autre] ")


def test_shares_are_required_named_and_summing_to_100_on_a_multi_commons_contract(
    starter: Path,
) -> None:
    """Missing shares, a stranger commons and a wrong sum are each reported."""
    _two_commons(starter)
    base = (
        "kind: declaration\ncontract: reciprocite-mon-acteur\ndate: 2026-05-01\n"
        "amount_excl_tax: 10\n"
    )
    _write(starter, "declarations/2026/none.yaml", base + "id: none\n")
    _write(
        starter,
        "declarations/2026/wrong.yaml",
        base + "id: wrong\ncommons_shares:\n  mon-commun: 60\n  autrre: 30\n",
    )
    found = _found(starter)
    # The existing declaration of the starter now lacks shares too.
    assert (
        "declarations/2026/2026-03-12-mon-acteur-mairie.yaml",
        3,
        "error",
        "missing-shares",
    ) in found
    assert ("declarations/2026/none.yaml", 1, "error", "missing-shares") in found
    assert ("declarations/2026/wrong.yaml", 7, "error", "shares-sum") in found
    assert ("declarations/2026/wrong.yaml", 8, "error", "unknown-reference") in found


def test_valid_shares_on_a_multi_commons_contract(starter: Path) -> None:
    """Shares of 33.3333 + 33.3333 + 33.3334 are exact and valid; signatures now differ."""
    _two_commons(starter)
    _edit(
        starter,
        "declarations/2026/2026-03-12-mon-acteur-mairie.yaml",
        "invoice_ref:",
        "commons_shares: {mon-commun: 66.6666, autre: 33.3334}\ninvoice_ref:",
    )
    assert [c for *_, c in _found(starter)] == []


def test_declaration_outside_the_contract_and_payment_before_it(starter: Path) -> None:
    """Dates are checked against the contract's effective and end dates."""
    _write(
        starter,
        "declarations/2028/late.yaml",
        "kind: declaration\nid: late\ncontract: reciprocite-mon-acteur\ndate: 2028-01-01\n"
        "amount_excl_tax: 10\n",
    )
    _write(
        starter,
        "payments/2025/early.yaml",
        "kind: payment\nid: early\ncontract: reciprocite-mon-acteur\ndate: 2025-12-31\n"
        "amount: 10\n",
    )
    assert _found(starter) == [
        ("declarations/2028/late.yaml", 4, "error", "date-outside-contract"),
        ("payments/2025/early.yaml", 4, "error", "payment-before-contract"),
    ]


def test_declaration_on_a_hosting_contract_is_a_wrong_reference(starter: Path) -> None:
    """Declarations and payments go under reciprocity contracts only."""
    _write(
        starter,
        "payments/2026/p.yaml",
        "kind: payment\nid: p\ncontract: hebergement-mon-commun\ndate: 2026-05-01\namount: 10\n",
    )
    assert _found(starter) == [("payments/2026/p.yaml", 3, "error", "wrong-reference")]


def test_end_before_start_and_both_end_and_duration(starter: Path) -> None:
    """An end date before the start, and an end date beside a duration, are errors."""
    _edit(starter, CONTRACT, "end_date: 2027-12-31", "end_date: 2025-12-31")
    _edit(starter, HOSTING, "duration_months: 36", "duration_months: 36\nend_date: 2028-12-31")
    found = _found(starter)
    assert (CONTRACT, 10, "error", "end-before-start") in found
    assert (HOSTING, 9, "error", "end-or-duration") in found


def test_signatures_name_a_signatory_of_the_contract_once(starter: Path) -> None:
    """An unknown signatory, a second signature by the same one, a duplicate signatory id."""
    signature = (starter / "signatures/reciprocite-mon-acteur-host.yaml").read_text()
    _write(
        starter,
        "signatures/again.yaml",
        signature.replace("id: reciprocite-mon-acteur-host", "id: again"),
    )
    _write(
        starter,
        "signatures/stranger.yaml",
        signature.replace("id: reciprocite-mon-acteur-host", "id: stranger").replace(
            "signatory: host", "signatory: hots"
        ),
    )
    _edit(
        starter,
        HOSTING,
        "place_of_signature: Paris",
        "place_of_signature: Paris\nsignatories:\n  - {id: host, name: A, role: b}\n"
        "  - {id: host, name: C, role: d}\n",
    )
    found = _found(starter)
    # The later file in path order is the duplicate.
    assert (
        "signatures/reciprocite-mon-acteur-host.yaml",
        6,
        "error",
        "duplicate-signature",
    ) in found
    assert ("signatures/stranger.yaml", 6, "error", "unknown-reference") in found
    assert (HOSTING, 25, "error", "duplicate-signatory") in found


def test_party_identifiers_agree_with_each_other(starter: Path) -> None:
    """A SIRET of another SIREN and a VAT number of another SIREN are errors."""
    _edit(starter, "parties/mon-hebergeur.yaml", '"73282932000074"', '"55208131700026"')
    _edit(
        starter,
        "parties/mon-hebergeur.yaml",
        "rna: W751234567",
        "rna: W751234567\nvat_number: FR40303265045",
    )
    party = "parties/mon-hebergeur.yaml"
    assert _found(starter) == [
        (party, 8, "error", "siret-siren-mismatch"),
        (party, 10, "error", "vat-siren-mismatch"),
    ]


def test_vat_on_a_host_under_franchise_and_an_unhosted_commons_are_warnings(starter: Path) -> None:
    """Warnings do not make the registry invalid."""
    _edit(starter, CONTRACT, "vat_rate_percent: 0 ", "vat_rate_percent: 20 ")
    (starter / HOSTING).unlink()
    result = validate_registry(starter)
    assert [(d.path, d.line, d.severity.value, d.code) for d in result.diagnostics] == [
        (CONTRACT, 6, "warning", "commons-not-hosted"),
        (CONTRACT, 23, "warning", "vat-not-applicable"),
    ]
    assert result.ok
    assert result.registry is not None


def test_declarations_on_an_unsigned_contract_warn_once(starter: Path) -> None:
    """One warning per contract, at its first declaration, however many declarations."""
    (starter / "signatures/reciprocite-mon-acteur-host.yaml").unlink()
    assert _found(starter) == [
        ("declarations/2026/2026-03-12-mon-acteur-mairie.yaml", 5, "warning", "contract-not-signed")
    ]


def test_quoted_identifier_required_where_text_is_expected(starter: Path) -> None:
    """`siren: 732829320` unquoted is read as a number: the error says to quote it."""
    _edit(starter, "parties/mon-hebergeur.yaml", 'siren: "732829320"', "siren: 732829320")
    diagnostics = validate_registry(starter).diagnostics
    assert [d.format_text() for d in diagnostics] == [
        "parties/mon-hebergeur.yaml:7:8: error quote-string: 'siren' must be text: write it in "
        'quotes ("732829320") so that every YAML tool reads the same digits ($.siren)'
    ]


def test_missing_required_field_and_wrong_enum_value(starter: Path) -> None:
    """Missing fields are located at their parent, enum values get a suggestion."""
    _edit(starter, CONTRACT, "period: quarter", "period: quartre")
    _edit(
        starter,
        CONTRACT,
        "payment_days: 30         # délai de paiement après la fin d'une période\n",
        "",
    )
    messages = [d.format_text() for d in validate_registry(starter).diagnostics]
    assert messages == [
        f"{CONTRACT}:3:1: error missing-field: missing required field 'payment_days' ($)",
        f"{CONTRACT}:20:9: error invalid-value: 'quartre' is not allowed here (did you mean "
        "'quarter'?): one of month, quarter, year ($.period)",
    ]
