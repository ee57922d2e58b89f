"""Cryptographic checks of PAdES signatures in a signed PDF, with pyHanko (the `signing` extra).

pypdf lists signature fields but cannot tell a tampered signed PDF from an intact one; pyHanko
checks the signed byte ranges and the signature value, and says what the signature covers.
Trust in the signer's certificate is reported as found, without fetching anything.
"""

from __future__ import annotations

from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def describe(path: Path) -> tuple[list[str], bool]:
    """One line per embedded signature (field, signer, intact, valid, trusted, coverage), and
    whether every signature is intact and cryptographically valid."""
    lines: list[str] = []
    all_good = True
    with path.open("rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        for embedded in reader.embedded_signatures:
            status = validate_pdf_signature(embedded, ValidationContext(allow_fetching=False))
            good = bool(status.intact and status.valid)
            all_good = all_good and good
            signer = status.signing_cert.subject.human_friendly if status.signing_cert else "?"
            coverage = status.coverage.name.lower().replace("_", " ") if status.coverage else "?"
            lines.append(
                f"PAdES signature '{embedded.field_name}' by {signer}: "
                f"{'intact' if status.intact else 'NOT INTACT'}, "
                f"{'valid' if status.valid else 'INVALID'}, "
                f"{'trusted' if status.trusted else 'untrusted certificate'}, "
                f"covers {coverage}"
            )
    return lines, all_good
