"""Readable terminal tables for reports (rich), in the registry's language.

Presentation only: the figures come from :mod:`commons_contracts.ledger.balances`, already computed.
"""

from __future__ import annotations

import datetime

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from commons_contracts.i18n.catalog import message
from commons_contracts.i18n.wording import figures, long_date
from commons_contracts.ledger.balances import ContractBalance
from commons_contracts.registry.model import Registry

_COLUMNS = (
    "table_period",
    "table_revenue",
    "table_due",
    "table_vat",
    "table_due_incl",
    "table_paid",
    "table_outstanding",
    "table_due_by",
)


def voided_lines(registry: Registry, contract_id: str, lang: str) -> list[str]:
    """One line per declaration or payment of the contract that a void cancels: shown where
    the user looks for it, and said not to count."""
    lines = []
    for void in registry.voids:
        record = registry.voided.get((void.target_kind, void.target))
        if record is None or getattr(record, "contract", None) != contract_id:
            continue
        amount = getattr(record, "amount_excl_tax", None)
        if amount is None:
            amount = record.amount
        lines.append(
            message(
                f"table_voided_{void.target_kind}",
                lang,
                id=record.id,
                day=long_date(record.date, lang),
                amount=figures(amount, lang),
                voided_on=long_date(void.date, lang),
                reason=void.reason,
            )
        )
    return lines


def balance_tables(
    registry: Registry, balances: list[ContractBalance], as_of: datetime.date
) -> Group:
    """One table per contract: its periods (an overdue due date in red, with a `!`), its
    totals, then its balance and what is overdue."""
    lang = registry.workspace.language
    parts: list[Table | Text] = []
    for balance in balances:
        contract, result = balance.contract, balance.reversal
        title = message(
            "table_title",
            lang,
            contract=contract.id,
            actor=registry.parties[contract.actor].name,
            host=registry.parties[contract.host].name,
            day=long_date(as_of, lang),
        )
        parts.append(Text(title, style="bold"))
        table = Table(box=box.SIMPLE_HEAD, show_footer=True)
        footers = [
            message("table_total", lang),
            "",
            "",
            "",
            figures(result.due_incl_tax, lang),
            figures(result.paid, lang),
            figures(result.balance, lang),
            "",
        ]
        for index, (header, footer) in enumerate(zip(_COLUMNS, footers, strict=True)):
            table.add_column(
                message(header, lang),
                footer=footer,
                no_wrap=True,
                justify="left" if index in (0, 7) else "right",
            )
        for period in result.periods:
            due_date = period.payment_due_date.isoformat()
            table.add_row(
                period.period,
                *(figures(amount, lang) for amount in period.amounts),
                Text(f"{due_date} !", style="bold red") if period.overdue else due_date,
            )
        parts.append(table)
        summary = message(
            "table_balance",
            lang,
            balance=figures(result.balance, lang),
            overdue=figures(result.overdue, lang),
        )
        parts.append(Text(summary + "\n", style="bold red" if result.overdue else ""))
        parts.extend(Text(line + "\n") for line in voided_lines(registry, contract.id, lang))
    if not parts:
        parts.append(Text(message("table_none", lang)))
    return Group(*parts)
