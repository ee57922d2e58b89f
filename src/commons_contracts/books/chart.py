"""The chart of accounts of the host's books: the associations' chart, as data, and the account
each money movement goes to.

:data:`PCA` is the part of the associations' chart (*plan comptable des associations*: règlement
ANC n° 2018-06 as amended, with the account list in force for years opened from 1 January 2025)
that the tool uses or that a treasurer needs around it, by number, with its official label and
its kind (asset, liability, equity, income, expense: what beancount calls the account's root).
:data:`ROLES` says which account each movement is entered on by default (royalties on 706,
donations on 754...); a workspace replaces any of them with `books: {accounts: {...}}`, with a
number of the chart or a sub-account of one. Where each number comes from, and why each
movement goes where it goes, is written in docs/books.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.text import did_you_mean
from commons_contracts.i18n.translation import _
from commons_contracts.registry.model import Workspace
from commons_contracts.registry.yaml_walk import Record

AccountKind = Literal["asset", "liability", "equity", "income", "expense"]
"""What an account holds: the root of the account in beancount, the side of the balance sheet or
of the statement of activities."""


@dataclass(frozen=True, slots=True)
class Account:
    """One account of the chart."""

    number: str
    label: str
    kind: AccountKind


def _chart(*accounts: tuple[str, str, AccountKind]) -> Mapping[str, Account]:
    return MappingProxyType(
        {number: Account(number, label, kind) for number, label, kind in accounts}
    )


PCA: Mapping[str, Account] = _chart(
    # Class 1: own funds, carried and dedicated funds
    ("102", "Fonds propres sans droit de reprise", "equity"),
    ("103", "Fonds propres avec droit de reprise", "equity"),
    ("106", "Réserves", "equity"),
    ("110", "Report à nouveau (solde créditeur)", "equity"),
    ("119", "Report à nouveau (solde débiteur)", "equity"),
    ("120", "Résultat de l'exercice (excédent)", "equity"),
    ("129", "Résultat de l'exercice (déficit)", "equity"),
    ("19", "Fonds reportés et dédiés", "liability"),
    ("191", "Fonds reportés liés aux legs ou donations", "liability"),
    ("194", "Fonds dédiés sur subventions de fonctionnement", "liability"),
    ("195", "Fonds dédiés sur contributions financières d'autres organismes", "liability"),
    ("196", "Fonds dédiés sur ressources liées à la générosité du public", "liability"),
    # Class 4: third parties
    ("401", "Fournisseurs", "liability"),
    ("411", "Usagers", "asset"),
    ("4191", "Usagers créditeurs : avances et acomptes reçus", "liability"),
    ("441", "État - Subventions et aides à recevoir", "asset"),
    ("4455", "Taxes sur le chiffre d'affaires à décaisser", "liability"),
    ("44551", "TVA à décaisser", "liability"),
    ("4456", "Taxes sur le chiffre d'affaires déductibles", "asset"),
    ("44566", "TVA déductible sur autres biens et services", "asset"),
    ("4457", "Taxes sur le chiffre d'affaires collectées", "liability"),
    ("44571", "TVA collectée", "liability"),
    ("4458", "Taxes sur le chiffre d'affaires à régulariser ou en attente", "liability"),
    ("467", "Autres comptes débiteurs ou créditeurs", "asset"),
    ("4686", "Divers - Charges à payer", "liability"),
    ("4687", "Divers - Produits à recevoir", "asset"),
    # Class 5: money
    ("512", "Banques", "asset"),
    ("530", "Caisse", "asset"),
    ("580", "Virements internes", "asset"),
    # Class 6: expenses
    ("604", "Achats d'études et prestations de services", "expense"),
    ("611", "Sous-traitance générale", "expense"),
    ("622", "Rémunérations d'intermédiaires et honoraires", "expense"),
    ("6226", "Honoraires", "expense"),
    ("625", "Déplacements, missions et réceptions", "expense"),
    ("627", "Services bancaires et assimilés", "expense"),
    ("641", "Rémunérations du personnel", "expense"),
    ("657", "Aides financières", "expense"),
    ("6571", "Aides financières octroyées", "expense"),
    ("689", "Reports en fonds reportés et en fonds dédiés", "expense"),
    ("6894", "Reports en fonds dédiés sur subventions d'exploitation", "expense"),
    (
        "6895",
        "Reports en fonds dédiés sur contributions financières d'autres organismes",
        "expense",
    ),
    ("6896", "Reports en fonds dédiés sur ressources liées à la générosité du public", "expense"),
    # Class 7: income
    ("70", "Ventes de produits finis, prestations de services, marchandises", "income"),
    ("706", "Prestations de services", "income"),
    ("708", "Produits des activités annexes", "income"),
    ("73", "Concours publics", "income"),
    ("74", "Subventions", "income"),
    ("741", "Subventions d'exploitation", "income"),
    (
        "751",
        "Redevances pour concessions, brevets, licences, marques, procédés, solutions "
        "informatiques, droits et valeurs similaires",
        "income",
    ),
    ("75", "Autres produits de gestion courante", "income"),
    ("754", "Ressources liées à la générosité du public", "income"),
    ("7541", "Dons manuels", "income"),
    ("7542", "Mécénat", "income"),
    ("7543", "Legs, donations et assurances-vie", "income"),
    ("755", "Contributions financières", "income"),
    ("7551", "Contributions financières d'autres organismes", "income"),
    ("756", "Cotisations", "income"),
    ("758", "Indemnités et autres produits", "income"),
    ("7588", "Autres produits divers de gestion courante", "income"),
    ("789", "Utilisations des fonds reportés et des fonds dédiés", "income"),
    ("7894", "Utilisations des fonds dédiés sur subventions d'exploitation", "income"),
    (
        "7895",
        "Utilisations des fonds dédiés sur contributions financières d'autres organismes",
        "income",
    ),
    (
        "7896",
        "Utilisations des fonds dédiés sur ressources liées à la générosité du public",
        "income",
    ),
)
"""The associations' chart (PCA 2025): the accounts the tool uses and those around them."""

ROLES: Mapping[str, str] = MappingProxyType(
    {
        "bank": "512",
        "customers": "411",
        "suppliers": "401",
        "other_third_parties": "467",
        "vat_collected": "44571",
        "royalties": "706",
        "donations": "754",
        "subsidies": "741",
        "contributions": "7551",
        "dedicated_subsidies": "194",
        "dedicated_contributions": "195",
        "dedicated_generosity": "196",
        "to_dedicated_subsidies": "6894",
        "to_dedicated_contributions": "6895",
        "to_dedicated_generosity": "6896",
        "from_dedicated_subsidies": "7894",
        "from_dedicated_contributions": "7895",
        "from_dedicated_generosity": "7896",
        "vat_pending": "4458",
        "other_income": "758",
        "host_fees": "7588",
        "development_expenses": "611",
        "coordination_expenses": "6226",
        "other_expenses": "604",
        "grants": "6571",
    }
)
"""The account each movement is entered on, by role, before a workspace's `books.accounts`."""


def chart_account(number: str) -> Account | None:
    """The account `number` of the chart, or its nearest parent account in the chart for a
    sub-account (`5121` is a `512` Banques; its label and kind are the parent's); None when no
    prefix of it is in the chart."""
    for length in range(len(number), 1, -1):
        parent = PCA.get(number[:length])
        if parent is not None:
            return parent if length == len(number) else Account(number, parent.label, parent.kind)
    return None


@dataclass(frozen=True)
class Chart:
    """The accounts of one registry's books: the chart, and the account of each role (the
    defaults of :data:`ROLES` with the workspace's replacements)."""

    roles: Mapping[str, str]

    def account(self, role: str) -> Account:
        """The account a movement of `role` is entered on."""
        found = chart_account(self.roles[role])
        assert found is not None, "the workspace's accounts are checked by validate"
        return found

    def knows(self, number: str) -> bool:
        """Whether `number` is an account of the chart or a sub-account of one."""
        return chart_account(number) is not None

    def label(self, number: str) -> str:
        """The label of account `number` (that of its parent for a sub-account)."""
        found = chart_account(number)
        return found.label if found is not None else "?"


def chart_for(workspace: Workspace) -> Chart:
    """The chart of a registry: :data:`ROLES`, with each account its workspace replaces."""
    roles = dict(ROLES)
    accounts = workspace.books.accounts if workspace.books is not None else None
    if accounts is not None:
        for role in ROLES:
            number = getattr(accounts, role)
            if number is not None:
                roles[role] = number
    return Chart(MappingProxyType(roles))


def workspace_account_problems(record: Record) -> list[Diagnostic]:
    """An `unknown-account` error for every account of the workspace's `books.accounts` that is
    neither a number of the chart nor a sub-account of one (`validate` runs it on the
    workspace record once it passed its schema)."""
    books = record.data.get("books")
    accounts = books.get("accounts") if isinstance(books, dict) else None
    if not isinstance(accounts, dict):
        return []
    problems = []
    for role, number in accounts.items():
        if isinstance(number, str) and chart_account(number) is None:
            hint = did_you_mean(number, PCA)
            problems.append(
                record.diagnostic(
                    ("books", "accounts", role),
                    Code.UNKNOWN_ACCOUNT,
                    _(
                        "account '{number}' is not in the associations' chart, nor a sub-account "
                        "of one of its accounts{hint} (the default for {role} is {value})"
                    ).format(number=number, hint=hint, role=role, value=ROLES[role]),
                )
            )
    return problems
