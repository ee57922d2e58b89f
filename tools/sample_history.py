"""Write the fingerprints of every version of `init`'s sample records that was ever released.

    .venv/bin/python tools/sample_history.py

`remove-samples` deletes a registry's files that are still exactly one of `init`'s samples. A
registry made by an earlier release holds that release's samples, which the starter of today
no longer has byte for byte (a sample's wording, its identifiers, its signatures change), so
the command recognises every version the starter folder had in this repository's history:
`src/commons_contracts/registry/sample_history.json` holds, for each sample's path in a
registry, the SHA-256 of each of its versions. Run this after changing a starter file and
commit its output (a test checks that today's samples are in it).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "commons_contracts" / "registry" / "sample_history.json"
FOLDERS = ("src/commons_contracts/registry/starter", "src/commons_contracts/starter")
WORKSPACE = "commons-contracts.yaml"


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=True).stdout


def sample_history() -> dict[str, list[str]]:
    """For each sample's path inside a registry, the SHA-256 of every version it had, in
    every commit of the history that touched the starter folder, and in the work tree."""
    found: dict[str, set[str]] = {}
    commits = _git("log", "--format=%H", "--", *FOLDERS).decode().split()
    for commit in commits:
        for folder in FOLDERS:
            listing = _git("ls-tree", "-r", "--format=%(objectname) %(path)", commit, "--", folder)
            for line in listing.decode().splitlines():
                blob, path = line.split(" ", 1)
                relative = path[len(folder) + 1 :]
                if not relative.endswith(".yaml") or relative == WORKSPACE:
                    continue
                digest = hashlib.sha256(_git("cat-file", "blob", blob)).hexdigest()
                found.setdefault(relative, set()).add(digest)
    starter = ROOT / FOLDERS[0]
    for path in starter.rglob("*.yaml"):
        relative = path.relative_to(starter).as_posix()
        if relative != WORKSPACE:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found.setdefault(relative, set()).add(digest)
    return {relative: sorted(digests) for relative, digests in sorted(found.items())}


def main() -> int:
    OUTPUT.write_text(json.dumps(sample_history(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
