"""A sample registry made from the schemas themselves: every optional field filled with the
example its schema gives.

The template checker (`template check`) evaluates a template against the context of this
registry's contracts, so that a field added to a schema is known to the checker with no other
change, and a template that names a field no schema has is caught.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from referencing._core import Resolver  # the type of a registry's resolver

from commons_contracts.registry.model import BUILDERS, Registry, Workspace
from commons_contracts.registry.schemas import kind_schemas
from commons_contracts.registry.yaml_walk import Position, Record

HOST = "sample-host"
ACTOR = "sample-actor"
COMMONS = "sample-commons"
HOSTING = "sample-hosting"
RECIPROCITY = "sample-reciprocity"
AMENDMENT = "sample-reciprocity-avenant-1"
STATEMENT_PERIOD = "2026-Q1"
"""The period of the sample reciprocity contract's one declaration."""
EXPENSE = "sample-expense"
ANNUAL_REPORT_YEAR = 2026
"""The year of the sample fund's movements."""


def sample_value(schema: Mapping[str, Any], resolver: Resolver[Any]) -> Any:
    """A value of `schema` with every optional property filled: objects property by property,
    other values by the schema's own example (a list without one holds one item)."""
    resolved, resolver = _resolved(schema, resolver)
    if "const" in resolved:
        return resolved["const"]
    if resolved.get("type") == "object" and "properties" in resolved:
        return {name: sample_value(sub, resolver) for name, sub in resolved["properties"].items()}
    if "oneOf" in resolved:
        return sample_value(resolved["oneOf"][0], resolver)
    if resolved.get("type") == "array" and "examples" not in resolved:
        return [sample_value(resolved["items"], resolver)]
    if "examples" in resolved:
        return _exact(resolved["examples"][0])
    if "enum" in resolved:
        return resolved["enum"][0]
    if resolved.get("type") == "object":
        return {}
    return {"boolean": True, "integer": 1, "number": 1}.get(resolved.get("type", ""), "sample")


def _exact(value: Any) -> Any:
    """An example as the loader would give it: JSON's floats as exact decimals."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, list):
        return [_exact(item) for item in value]
    if isinstance(value, dict):
        return {key: _exact(item) for key, item in value.items()}
    return value


def _resolved(
    schema: Mapping[str, Any], resolver: Resolver[Any]
) -> tuple[Mapping[str, Any], Resolver[Any]]:
    """`schema` with its `$ref` followed (the referring schema's own keys, such as its
    examples, win), and the resolver of where it was found."""
    if "$ref" not in schema:
        return schema, resolver
    found = resolver.lookup(schema["$ref"])
    target, target_resolver = _resolved(found.contents, found.resolver)
    return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}, target_resolver


def sample_record(kind: str, record_id: str, **references: Any) -> dict[str, Any]:
    """A record of `kind` with every field filled from the schema's examples, its id and its
    references (`host`, `commons`...) replaced by `references`."""
    schema = kind_schemas()[kind]
    record = sample_value(schema.schema, schema.resolver)
    record.update(id=record_id, **references)
    return {key: value for key, value in record.items() if value is not None}


def _representative_email() -> str:
    commons = sample_record("commons", COMMONS)
    email: str = commons["representatives"][0]["email"]
    return email


@functools.cache
def sample_registry() -> Registry:
    """A registry with a hosting and a reciprocity contract (on tiers) between sample parties
    and a sample commons, one declaration and one payment on the reciprocity contract (for a
    statement of :data:`STATEMENT_PERIOD`), an amendment of it, and an income, an expense, its
    approval and a payout of the commons' fund in :data:`ANNUAL_REPORT_YEAR`."""
    signatories = [{"id": "host", "name": "Claire Martin", "role": "présidente", "party": HOST}]
    reciprocity = sample_record(
        "reciprocity-contract",
        RECIPROCITY,
        host=HOST,
        actor=ACTOR,
        commons=COMMONS,
        signatories=signatories,
        end_date="2026-12-31",
        rate_percent=None,  # tiers instead, the richer form
        period="quarter",
    )
    hosting = sample_record(
        "hosting-contract",
        HOSTING,
        host=HOST,
        commons=COMMONS,
        signatories=signatories,
        end_date="2026-12-31",
        duration_months=None,  # an end date, or a duration: not both
    )
    records = {
        ("party", HOST): sample_record("party", HOST),
        ("party", ACTOR): sample_record("party", ACTOR),
        ("commons", COMMONS): sample_record("commons", COMMONS),
        ("hosting-contract", HOSTING): hosting,
        ("reciprocity-contract", RECIPROCITY): reciprocity,
        ("declaration", "sample-declaration"): sample_record(
            "declaration",
            "sample-declaration",
            contract=RECIPROCITY,
            date="2026-02-01",
            amount_excl_tax=1500,
            commons_shares=None,
        ),
        ("payment", "sample-payment"): sample_record(
            "payment", "sample-payment", contract=RECIPROCITY, date="2026-04-01", amount=10
        ),
        ("amendment", AMENDMENT): sample_record(
            "amendment", AMENDMENT, contract=RECIPROCITY, effective_date="2026-07-01"
        ),
        # A year of a hosted fund, for the annual report: an income, an expense approved and
        # half paid (so that it is still committed at the year's end).
        ("income", "sample-income"): sample_record("income", "sample-income", commons=COMMONS),
        ("expense", EXPENSE): sample_record(
            "expense", EXPENSE, commons=COMMONS, payee=ACTOR, funded_by=["sample-income"]
        ),
        ("approval", "sample-approval"): sample_record(
            "approval", "sample-approval", target=EXPENSE, by=_representative_email()
        ),
        ("payout", "sample-payout"): sample_record(
            "payout", "sample-payout", expense=EXPENSE, amount=900
        ),
    }
    built: dict[str, dict[str, Any]] = {}
    for (kind, record_id), data in records.items():
        built.setdefault(kind, {})[record_id] = BUILDERS[kind](data)
    return Registry(
        workspace=Workspace.from_data(sample_record("workspace", "sample")),
        commons=built["commons"],
        parties=built["party"],
        contracts={**built["hosting-contract"], **built["reciprocity-contract"]},
        declarations=tuple(built["declaration"].values()),
        payments=tuple(built["payment"].values()),
        signatures=(),
        amendments=tuple(built["amendment"].values()),
        incomes=tuple(built["income"].values()),
        expenses=tuple(built["expense"].values()),
        approvals=tuple(built["approval"].values()),
        payouts=tuple(built["payout"].values()),
        sources={
            key: Record("sample.yaml", "sample.yaml", 0, Position(1, 1), dict(data))
            for key, data in records.items()
        },
    )
