"""Make the signatures of the bundled example registries again, with the terms of today.

    .venv/bin/python tools/sign_examples.py [REGISTRY ...]

The example registry (`examples/`) and the starter registry of `init` ship signed contracts,
whose signature records hold the terms signed: the contract, the records it refers to, its
signatories and the SHA-256 of its template. After a change of a built-in template's wording
or of an example record, those signatures no longer match (`verify` says what changed), as
they should. This script signs them again through the library, as `commons-contracts sign`
would, keeping who signed, on which day, how, in which language and when it was recorded.

It is for the bundled examples only (by default `examples/` and the starter): the signatures
of a real registry record what was really signed and are never made again.
"""

from __future__ import annotations

import datetime
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from commons_contracts.signatures.signing import signature_draft
from commons_contracts.validation.entries import add_records
from commons_contracts.validation.validate import validate_registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRIES = (ROOT / "examples", ROOT / "src" / "commons_contracts" / "registry" / "starter")


def sign_again(root: Path) -> list[Path]:
    """Replace every signature record of the registry at `root` by a new signature of the
    same signatory, date, method and language on the terms of today; all of them or none."""
    folder = root / "signatures"
    files = sorted(folder.glob("*.yaml"))
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]
    # The comment a record file opens with (the starter's explain what a record is) stays.
    comments = {
        path.name: "".join(
            line for line in _leading(path.read_text(encoding="utf-8")) if line.startswith("#")
        )
        for path in files
    }
    for path, record in zip(files, records, strict=True):
        if record.get("document"):
            raise SystemExit(f"{path} records a signed copy: sign that contract again by hand")
    with tempfile.TemporaryDirectory() as kept:
        for path in files:
            shutil.move(path, Path(kept) / path.name)
        try:
            result = validate_registry(root)
            if result.registry is None:
                raise SystemExit(f"{root}: the registry has errors without its signatures")
            drafts = []
            for record in records:
                recorded = datetime.datetime.fromisoformat(
                    str(record["recorded_at"]).replace("Z", "+00:00")
                )
                draft, _ = signature_draft(
                    result.registry,
                    root,
                    record["contract"],
                    signatory=record["signatory"],
                    signed_on=str(record["signed_on"]),
                    method=record["method"],
                    signed_file=None,
                    recorded_at=recorded,
                    language=record.get("language"),
                )
                drafts.append(draft)
            added = add_records(root, drafts)
            if not added.ok:
                raise SystemExit("\n".join(d.format_text() for d in added.diagnostics))
            for path in added.written:
                if comments.get(path.name):
                    path.write_text(comments[path.name] + path.read_text(encoding="utf-8"))
        except BaseException:
            for path in files:
                shutil.move(Path(kept) / path.name, path)
            raise
    return added.written


def _leading(text: str) -> list[str]:
    """The lines of a file before its first line that is not a comment."""
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return lines[:end]


def main(argv: list[str]) -> int:
    """Sign the registries named (by default the example and the starter registries) again."""
    for root in [Path(arg).resolve() for arg in argv] or list(REGISTRIES):
        for path in sign_again(root):
            print(f"signed again: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
