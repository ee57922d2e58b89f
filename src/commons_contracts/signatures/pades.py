"""Cryptographic checks of PAdES signatures in a signed PDF, with pyHanko (the `signing` extra).

pypdf lists signature fields but cannot tell a tampered signed PDF from an intact one; pyHanko
checks the signed byte ranges and the signature value, and says what the signature covers.
Trust in the signer's certificate is not judged: that needs a trust list (eIDAS), and nothing is
fetched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

# pyHanko logs a warning with a full traceback for an untrusted certificate; what matters is
# in the status it returns, which `describe` reports. No traceback reaches the user.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


_NOT_CHECKED = "certificate not checked against a trust list"


def describe(path: Path) -> tuple[list[str], bool]:
    """One line per embedded signature (field, signer, intact, valid, trusted, coverage), and
    whether every signature is intact and cryptographically valid."""
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
            good = bool(status.intact and status.valid)
            all_good = all_good and good
            signer = status.signing_cert.subject.human_friendly if status.signing_cert else "?"
            coverage = status.coverage.name.lower().replace("_", " ") if status.coverage else "?"
            lines.append(
                f"PAdES signature '{embedded.field_name}' by {signer}: "
                f"{'intact' if status.intact else 'NOT INTACT'}, "
                f"{'valid' if status.valid else 'INVALID'}, "
                f"{'trusted' if status.trusted else _NOT_CHECKED}, "
                f"covers {coverage}"
            )
    return lines, all_good
