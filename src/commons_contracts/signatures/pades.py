"""Cryptographic checks of PAdES signatures in a signed PDF, with pyHanko (the `signing` extra).

pypdf lists signature fields but cannot tell a tampered signed PDF from an intact one; pyHanko
checks the signed byte ranges and the signature value, and says what the signature covers.
Trust in the signer's certificate is not judged: that needs a trust list (eIDAS), and nothing is
fetched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext

from commons_contracts.i18n.translation import N_, _

# pyHanko logs a warning with a full traceback for an untrusted certificate; what matters is
# in the status it returns, which `describe` reports. No traceback reaches the user.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


_NOT_CHECKED = N_("certificate not checked against a trust list")


# Changes after a signature that leave what was signed as it was: archival updates, and other
# signature fields filled in by the next signatories.
_ACCEPTED_CHANGES = frozenset(
    {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}
)


def describe(path: Path) -> tuple[list[str], bool]:
    """One line per embedded signature (field, signer, intact, valid, trusted, coverage, what
    changed after it), and whether every signature is intact, cryptographically valid and
    followed by no change but other signatures. A file pyHanko cannot read as a signed PDF is
    reported in one line, as not good."""
    try:
        return _describe(path)
    except (PdfError, SignatureValidationError, ValueError, KeyError, TypeError) as error:
        return [
            _("the signed copy cannot be checked as a signed PDF: {error}").format(error=error)
        ], False


def _describe(path: Path) -> tuple[list[str], bool]:
    lines: list[str] = []
    all_good = True
    with path.open("rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        for embedded in reader.embedded_signatures:
            # No trust roots and no fetching: trust in a signer is a matter for a trust list
            # (eIDAS), outside this tool; integrity and the signature value are checked here.
            context = ValidationContext(trust_roots=[], allow_fetching=False)
            status = validate_pdf_signature(
                embedded, signer_validation_context=context, ts_validation_context=context
            )
            level = status.modification_level
            unchanged = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
                level in _ACCEPTED_CHANGES
            )
            good = bool(status.intact and status.valid and unchanged)
            all_good = all_good and good
            signer = status.signing_cert.subject.human_friendly if status.signing_cert else "?"
            coverage = status.coverage.name.lower().replace("_", " ") if status.coverage else "?"
            changes = (
                ""
                if unchanged
                else _(", MODIFIED AFTER SIGNING ({level})").format(
                    level=level.name.lower().replace("_", " ") if level is not None else "unknown"
                )
            )
            state = ", ".join(
                (
                    _("intact") if status.intact else _("NOT INTACT"),
                    _("valid") if status.valid else _("INVALID"),
                    _("trusted") if status.trusted else _(_NOT_CHECKED),
                )
            )
            lines.append(
                _(
                    "PAdES signature '{field}' by {signer}: {state}, covers {coverage}{changes}"
                ).format(
                    field=embedded.field_name,
                    signer=signer,
                    state=state,
                    coverage=coverage,
                    changes=changes,
                )
            )
    return lines, all_good
