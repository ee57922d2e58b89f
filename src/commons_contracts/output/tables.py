"""Readable terminal tables for reports (rich), in the registry's language.

Presentation only: the figures come from :mod:`commons_contracts.ledger.balances`, already computed.
"""

from __future__ import annotations

import datetime

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from commons_contracts.i18n.wording import figures, long_date
from commons_contracts.ledger.balances import ContractBalance
from commons_contracts.registry.model import Registry

_COLUMNS = {
    "fr": ("période", "CA HT", "dû HT", "TVA", "dû TTC", "payé", "reste", "échéance"),
    "en": ("period", "revenue", "due", "VAT", "due incl. VAT", "paid", "outstanding", "due by"),
}
_WORDS = {
    "fr": {
        "title": "{contract}\u00a0: {actor} → {host}, au {day}, en euros",
        "total": "total",
        "balance": "Solde\u00a0: {balance}\u00a0€. En retard\u00a0: {overdue}\u00a0€.",
        "none": "Aucun contrat de réciprocité.",
    },
    "en": {
        "title": "{contract}: {actor} → {host}, as of {day}, in euros",
        "total": "total",
        "balance": "Balance: €{balance}. Overdue: €{overdue}.",
        "none": "No reciprocity contract.",
    },
}


def balance_tables(
    registry: Registry, balances: list[ContractBalance], as_of: datetime.date
) -> Group:
    """One table per contract: its periods (an overdue due date in red, with a `!`), its
    totals, then its balance and what is overdue."""
    lang = registry.workspace.language
    words = _WORDS[lang]
    parts: list[Table | Text] = []
    for balance in balances:
        contract, result = balance.contract, balance.reversal
        title = words["title"].format(
            contract=contract.id,
            actor=registry.parties[contract.actor].name,
            host=registry.parties[contract.host].name,
            day=long_date(as_of, lang),
        )
        parts.append(Text(title, style="bold"))
        table = Table(box=box.SIMPLE_HEAD, show_footer=True)
        footers = [
            words["total"],
            "",
            "",
            "",
            figures(result.due_incl_tax, lang),
            figures(result.paid, lang),
            figures(result.balance, lang),
            "",
        ]
        for index, (header, footer) in enumerate(zip(_COLUMNS[lang], footers, strict=True)):
            table.add_column(
                header, footer=footer, no_wrap=True, justify="left" if index in (0, 7) else "right"
            )
        for period in result.periods:
            due_date = period.payment_due_date.isoformat()
            table.add_row(
                period.period,
                *(figures(amount, lang) for amount in period.amounts),
                Text(f"{due_date} !", style="bold red") if period.overdue else due_date,
            )
        parts.append(table)
        summary = words["balance"].format(
            balance=figures(result.balance, lang), overdue=figures(result.overdue, lang)
        )
        parts.append(Text(summary + "\n", style="bold red" if result.overdue else ""))
    if not parts:
        parts.append(Text(words["none"]))
    return Group(*parts)
