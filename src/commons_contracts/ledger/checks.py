"""The warning of `validate` that needs the reversal: a payment larger than everything still
owed on its contract.

What is owed is every declaration's due including VAT, whatever its date (a payment may settle
a period before its statement is sent), less the payments received before this one (by date,
then id). A contract whose dues cannot be computed (its records have errors, reported by the
other rules) is left alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.money import ZERO, format_amount
from commons_contracts.errors import CommonsContractsError
from commons_contracts.i18n.translation import _
from commons_contracts.ledger.balances import compute_balances
from commons_contracts.registry.model import Payment, Registry

_EVERYTHING = datetime.date(2199, 12, 31)
"""The last day a registry's dates can name: as of it, every declaration counts."""


def check_payments_outstanding(registry: Registry) -> Iterator[Diagnostic]:
    """Warn at a payment larger than what remains owed on its contract when it is received."""
    payments: dict[str, list[Payment]] = {}
    for payment in registry.payments:
        payments.setdefault(payment.contract, []).append(payment)
    for contract_id, owed in _owed(registry, set(payments)).items():
        paid = ZERO
        for payment in sorted(payments[contract_id], key=lambda p: (p.date, p.id)):
            remaining = max(owed - paid, ZERO)
            if payment.amount > remaining:
                yield registry.source("payment", payment.id).diagnostic(
                    ("amount",),
                    Code.PAYMENT_ABOVE_OUTSTANDING,
                    _(
                        "{format_amount} is more than everything still owed on '{contract_id}' "
                        "({format_amount2}, every declaration's due included): is it the right "
                        "contract and amount?"
                    ).format(
                        format_amount=format_amount(payment.amount),
                        contract_id=contract_id,
                        format_amount2=format_amount(remaining),
                    ),
                )
            paid += payment.amount


def _owed(registry: Registry, contract_ids: set[str]) -> dict[str, Decimal]:
    """Every due including VAT of each reciprocity contract among `contract_ids` whose dues
    can be computed: all at once, else contract by contract."""
    wanted = [c.id for c in registry.reciprocity_contracts() if c.id in contract_ids]
    try:
        balances = compute_balances(registry, _EVERYTHING)
        return {b.contract.id: b.reversal.due_incl_tax for b in balances if b.contract.id in wanted}
    except _COMPUTATION_ERRORS:
        pass
    owed: dict[str, Decimal] = {}
    for contract_id in wanted:
        try:
            (found,) = compute_balances(registry, _EVERYTHING, contract_id=contract_id)
        except _COMPUTATION_ERRORS:
            continue
        owed[contract_id] = found.reversal.due_incl_tax
    return owed


_COMPUTATION_ERRORS = (CommonsContractsError, ArithmeticError, LookupError, ValueError)
"""What a contract whose records have errors can raise while its dues are computed."""
