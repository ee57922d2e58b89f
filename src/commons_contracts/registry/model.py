"""The registry's records as typed, frozen objects.

Objects are built only from records that passed their schema, so every conversion here is
total: amounts become `Decimal` (an `int` from YAML is exact already), dates become
:class:`datetime.date`, lists become tuples. Defaults that the schemas document ("30 when left
out") are applied here, in one place.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from commons_contracts.core.dates import Period, add_months
from commons_contracts.errors import UsageError
from commons_contracts.registry.yaml_walk import Record

Language = Literal["fr", "en"]
SignatureMethod = Literal[
    "handwritten", "simple-electronic", "advanced-electronic", "qualified-electronic"
]


def _decimal(value: Any) -> Decimal:
    # The loader gives Decimal or int for numbers; str() keeps an int exact.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _optional_decimal(value: Any) -> Decimal | None:
    return None if value is None else _decimal(value)


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _optional_date(value: str | None) -> datetime.date | None:
    return None if value is None else _date(value)


@dataclass(frozen=True, slots=True)
class Workspace:
    """The registry's own record (`commons-contracts.yaml`)."""

    name: str
    language: Language = "fr"
    currency: str = "EUR"
    templates: str = "templates"

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Workspace:
        """Build from a schema-valid record."""
        return cls(
            name=data["name"],
            language=data.get("language", "fr"),
            currency=data.get("currency", "EUR"),
            templates=data.get("templates", "templates"),
        )


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address."""

    street: str
    postcode: str
    city: str
    country: str = "FR"

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Address:
        """Build from a schema-valid mapping."""
        return cls(data["street"], data["postcode"], data["city"], data.get("country", "FR"))


@dataclass(frozen=True, slots=True)
class Person:
    """A named person acting in a capacity (a legal representative)."""

    name: str
    role: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Representative:
    """A person mandated by a commons' community."""

    name: str
    email: str
    mandate: str


@dataclass(frozen=True, slots=True)
class Commons:
    """A commons: a shared resource with a community and no legal entity."""

    id: str
    name: str
    description: str
    licence: str
    decision_body: str
    decision_rule: str
    representatives: tuple[Representative, ...]
    url: str | None = None
    social_code: str | None = None
    charter_url: str | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Commons:
        """Build from a schema-valid record."""
        governance = data["governance"]
        return cls(
            id=data["id"],
            name=data["name"],
            description=data["description"],
            licence=data["licence"],
            decision_body=governance["decision_body"],
            decision_rule=governance["decision_rule"],
            charter_url=governance.get("charter_url"),
            representatives=tuple(Representative(**r) for r in data["representatives"]),
            url=data.get("url"),
            social_code=data.get("social_code"),
        )


@dataclass(frozen=True, slots=True)
class Party:
    """A host or an economic actor."""

    id: str
    type: Literal["organisation", "person"]
    name: str
    vat_regime: Literal["liable", "franchise", "exempt"]
    address: Address
    legal_form: str | None = None
    share_capital: Decimal | None = None
    rcs_city: str | None = None
    siren: str | None = None
    siret: str | None = None
    rna: str | None = None
    vat_number: str | None = None
    representative: Person | None = None
    email: str | None = None
    iban: str | None = None
    bic: str | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Party:
        """Build from a schema-valid record."""
        representative = data.get("representative")
        return cls(
            id=data["id"],
            type=data["type"],
            name=data["name"],
            vat_regime=data["vat_regime"],
            address=Address.from_data(data["address"]),
            legal_form=data.get("legal_form"),
            share_capital=_optional_decimal(data.get("share_capital")),
            rcs_city=data.get("rcs_city"),
            siren=data.get("siren"),
            siret=data.get("siret"),
            rna=data.get("rna"),
            vat_number=data.get("vat_number"),
            representative=Person(**representative) if representative else None,
            email=data.get("email"),
            iban=data.get("iban"),
            bic=data.get("bic"),
        )


@dataclass(frozen=True, slots=True)
class Signatory:
    """Someone who must sign a contract, with a stable id within it."""

    id: str
    name: str
    role: str
    party: str | None = None


def _signatories(data: Mapping[str, Any]) -> tuple[Signatory, ...] | None:
    given = data.get("signatories")
    return None if given is None else tuple(Signatory(**s) for s in given)


@dataclass(frozen=True, slots=True)
class HostingContract:
    """A commons hosting agreement between a host and a commons' community."""

    id: str
    commons: str
    host: str
    effective_date: datetime.date
    end_date: datetime.date | None
    notice_days: int
    host_fee_percent: Decimal
    place_of_signature: str
    language: Language | None = None
    duration_months: int | None = None
    renewal: Literal["tacit", "none"] = "tacit"
    breach_notice_days: int = 30
    coordination_percent: Decimal | None = None
    hourly_rate_min: Decimal | None = None
    hourly_rate_max: Decimal | None = None
    expense_approval: str | None = None
    payment_days: int = 30
    dispute_days: int = 30
    successor_transfer_days: int = 30
    signatories: tuple[Signatory, ...] | None = None
    kind: Literal["hosting-contract"] = field(default="hosting-contract", init=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> HostingContract:
        """Build from a schema-valid record; `duration_months` gives the end date."""
        effective = _date(data["effective_date"])
        duration = data.get("duration_months")
        end = _optional_date(data.get("end_date"))
        if end is None and duration is not None:
            end = add_months(effective, duration) - datetime.timedelta(days=1)
        rate = data.get("hourly_rate") or {}
        return cls(
            id=data["id"],
            commons=data["commons"],
            host=data["host"],
            effective_date=effective,
            end_date=end,
            notice_days=data["notice_days"],
            host_fee_percent=_decimal(data["host_fee_percent"]),
            place_of_signature=data["place_of_signature"],
            language=data.get("language"),
            duration_months=duration,
            renewal=data.get("renewal", "tacit"),
            breach_notice_days=data.get("breach_notice_days", 30),
            coordination_percent=_optional_decimal(data.get("coordination_percent")),
            hourly_rate_min=_optional_decimal(rate.get("min")),
            hourly_rate_max=_optional_decimal(rate.get("max")),
            expense_approval=data.get("expense_approval"),
            payment_days=data.get("payment_days", 30),
            dispute_days=data.get("dispute_days", 30),
            successor_transfer_days=data.get("successor_transfer_days", 30),
            signatories=_signatories(data),
        )

    @property
    def commons_ids(self) -> tuple[str, ...]:
        """The commons the contract is about."""
        return (self.commons,)


@dataclass(frozen=True, slots=True)
class Tier:
    """A rate applied to the yearly revenue up to `up_to` (None: no upper bound)."""

    rate_percent: Decimal
    up_to: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ReciprocityContract:
    """A reciprocity agreement: an economic actor gives back a share of its revenue."""

    id: str
    commons: tuple[str, ...]
    host: str
    actor: str
    effective_date: datetime.date
    covered_activities: tuple[str, ...]
    qualification: Literal["royalty", "donation"]
    tiers: tuple[Tier, ...]
    period: Period
    payment_days: int
    vat_rate_percent: Decimal
    place_of_signature: str
    flat_rate: bool = True
    end_date: datetime.date | None = None
    language: Language | None = None
    notice_days: int = 90
    annual_cap: Decimal | None = None
    declaration_days: int = 15
    late_interest_percent: Decimal | None = None
    public_listing: bool = True
    signatories: tuple[Signatory, ...] | None = None
    kind: Literal["reciprocity-contract"] = field(default="reciprocity-contract", init=False)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ReciprocityContract:
        """Build from a schema-valid record; a flat `rate_percent` becomes a single open tier."""
        commons = data["commons"]
        if "rate_percent" in data:
            tiers: tuple[Tier, ...] = (Tier(_decimal(data["rate_percent"])),)
        else:
            tiers = tuple(
                Tier(_decimal(t["rate_percent"]), _optional_decimal(t.get("up_to")))
                for t in data["tiers"]
            )
        return cls(
            id=data["id"],
            commons=(commons,) if isinstance(commons, str) else tuple(commons),
            host=data["host"],
            actor=data["actor"],
            effective_date=_date(data["effective_date"]),
            covered_activities=tuple(data["covered_activities"]),
            qualification=data["qualification"],
            tiers=tiers,
            flat_rate="rate_percent" in data,
            period=data["period"],
            payment_days=data["payment_days"],
            vat_rate_percent=_decimal(data["vat_rate_percent"]),
            place_of_signature=data["place_of_signature"],
            end_date=_optional_date(data.get("end_date")),
            language=data.get("language"),
            notice_days=data.get("notice_days", 90),
            annual_cap=_optional_decimal(data.get("annual_cap")),
            declaration_days=data.get("declaration_days", 15),
            late_interest_percent=_optional_decimal(data.get("late_interest_percent")),
            public_listing=data.get("public_listing", True),
            signatories=_signatories(data),
        )

    @property
    def commons_ids(self) -> tuple[str, ...]:
        """The commons the contract benefits."""
        return self.commons


Contract = HostingContract | ReciprocityContract


@dataclass(frozen=True, slots=True)
class Declaration:
    """Revenue declared by an economic actor under a reciprocity contract."""

    id: str
    contract: str
    date: datetime.date
    amount_excl_tax: Decimal
    client: str | None = None
    description: str | None = None
    commons_shares: Mapping[str, Decimal] | None = None
    invoice_ref: str | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Declaration:
        """Build from a schema-valid record."""
        shares = data.get("commons_shares")
        return cls(
            id=data["id"],
            contract=data["contract"],
            date=_date(data["date"]),
            amount_excl_tax=_decimal(data["amount_excl_tax"]),
            client=data.get("client"),
            description=data.get("description"),
            commons_shares=(
                None if shares is None else {k: _decimal(v) for k, v in sorted(shares.items())}
            ),
            invoice_ref=data.get("invoice_ref"),
        )


@dataclass(frozen=True, slots=True)
class Payment:
    """Money received by the host under a reciprocity contract, including VAT."""

    id: str
    contract: str
    date: datetime.date
    amount: Decimal
    reference: str | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Payment:
        """Build from a schema-valid record."""
        return cls(
            id=data["id"],
            contract=data["contract"],
            date=_date(data["date"]),
            amount=_decimal(data["amount"]),
            reference=data.get("reference"),
        )


@dataclass(frozen=True, slots=True)
class Signature:
    """The record that one signatory signed one exact version of a contract's terms."""

    id: str
    contract: str
    signatory: str
    signed_on: datetime.date
    method: SignatureMethod
    terms_sha256: str
    terms: Mapping[str, Any]
    recorded_at: str
    document_sha256: str | None = None
    document: str | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Signature:
        """Build from a schema-valid record."""
        return cls(
            id=data["id"],
            contract=data["contract"],
            signatory=data["signatory"],
            signed_on=_date(data["signed_on"]),
            method=data["method"],
            terms_sha256=data["terms_sha256"],
            terms=data["terms"],
            recorded_at=data["recorded_at"],
            document_sha256=data.get("document_sha256"),
            document=data.get("document"),
        )


@dataclass(frozen=True)
class Registry:
    """Every valid record of a registry, by kind and id, with the record each came from."""

    workspace: Workspace
    commons: Mapping[str, Commons]
    parties: Mapping[str, Party]
    contracts: Mapping[str, Contract]
    declarations: tuple[Declaration, ...]
    payments: tuple[Payment, ...]
    signatures: tuple[Signature, ...]
    sources: Mapping[tuple[str, str], Record] = field(repr=False)
    invalid_ids: frozenset[str] = frozenset()
    """Ids of records that exist but failed their schema: a reference to one of them is not
    reported again as unknown, since the record's own errors already are."""

    def source(self, kind: str, record_id: str) -> Record:
        """The record a registry object was built from (to locate a diagnostic)."""
        return self.sources[(kind, record_id)]

    def contract(self, contract_id: str) -> Contract:
        """The contract `contract_id`; a :class:`UsageError` with a "did you mean" if there is
        none (commands take contract ids from the user)."""
        try:
            return self.contracts[contract_id]
        except KeyError:
            close = difflib.get_close_matches(contract_id, list(self.contracts), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(f"no contract with id '{contract_id}'{hint}") from None

    def reciprocity_contract(self, contract_id: str) -> ReciprocityContract:
        """The reciprocity contract `contract_id`, or a :class:`UsageError` saying why not."""
        contract = self.contract(contract_id)
        if not isinstance(contract, ReciprocityContract):
            raise UsageError(
                f"'{contract_id}' is a hosting contract: this needs a reciprocity contract"
            )
        return contract

    def reciprocity_contracts(self) -> list[ReciprocityContract]:
        """The reciprocity contracts, by id."""
        return [c for _, c in sorted(self.contracts.items()) if isinstance(c, ReciprocityContract)]

    def signatories(
        self, contract: Contract, lang: Language | None = None
    ) -> tuple[Signatory, ...]:
        """Who must sign `contract`: as listed in it, or by default the legal representatives
        of the host and the actor (reciprocity), or the host's and the community's first
        representative (hosting). A default signatory's role is the bare capacity in which they
        sign, worded in `lang` (by default the contract's language): the party they sign for is
        printed beside it."""
        if contract.signatories is not None:
            return contract.signatories
        lang = lang or contract.language or self.workspace.language
        host = self.parties.get(contract.host)
        found: list[Signatory] = []
        if host is not None:
            found.append(_party_signatory("host", host, lang))
        if isinstance(contract, ReciprocityContract):
            actor = self.parties.get(contract.actor)
            if actor is not None:
                found.append(_party_signatory("actor", actor, lang))
        else:
            commons = self.commons.get(contract.commons)
            if commons is not None:
                first = commons.representatives[0]
                found.append(Signatory("community", first.name, _MANDATED[lang]))
        return tuple(found)


_MANDATED = {"fr": "représentant(e) mandaté(e)", "en": "mandated representative"}
_OWN_NAME = {"fr": "en son nom propre", "en": "in their own name"}


def _party_signatory(signatory_id: str, party: Party, lang: Language) -> Signatory:
    if party.representative is not None:
        return Signatory(
            signatory_id, party.representative.name, party.representative.role, party.id
        )
    return Signatory(signatory_id, party.name, _OWN_NAME[lang], party.id)


BUILDERS: dict[str, Any] = {
    "commons": Commons.from_data,
    "party": Party.from_data,
    "hosting-contract": HostingContract.from_data,
    "reciprocity-contract": ReciprocityContract.from_data,
    "declaration": Declaration.from_data,
    "payment": Payment.from_data,
    "signature": Signature.from_data,
}
"""How each kind of schema-valid record becomes an object."""
