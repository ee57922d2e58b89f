"""The loader: exact values, positions kept, and what YAML allows but a registry refuses."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from commons_contracts.errors import RegistryNotFoundError
from commons_contracts.registry.files import load_file
from commons_contracts.registry.root import find_registry_root, registry_files
from commons_contracts.registry.yaml_walk import MAX_DEPTH


def _load(tmp_path: Path, text: str) -> tuple[list, list[str]]:
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    records, diagnostics = load_file(path, "record.yaml")
    return records, [d.format_text() for d in diagnostics]


def test_amounts_are_exact_decimals_from_the_text(tmp_path: Path) -> None:
    """`0.1`, `4500.00` and `-12.5` become the Decimal of their text, never a float."""
    records, problems = _load(tmp_path, "a: 0.1\nb: 4500.00\nc: -12.5\nd: 30\n")
    assert problems == []
    data = records[0].data
    assert data == {"a": Decimal("0.1"), "b": Decimal("4500.00"), "c": Decimal("-12.5"), "d": 30}
    assert str(data["b"]) == "4500.00"
    assert type(data["d"]) is int


def test_dates_stay_iso_text_and_quoted_strings_stay_text(tmp_path: Path) -> None:
    """Dates are kept as their ISO text for the schemas; quoted digits stay strings."""
    records, problems = _load(tmp_path, 'date: 2026-02-01\nsiren: "012345678"\n')
    assert problems == []
    assert records[0].data == {"date": "2026-02-01", "siren": "012345678"}


def test_positions_map_a_json_path_back_to_line_and_column(tmp_path: Path) -> None:
    """Values, keys and list items are located 1-based; a missing field at its parent."""
    text = "kind: x\ntiers:\n  - up_to: 1000\n    rate_percent: 0\n  - rate_percent: 3\n"
    records, _ = _load(tmp_path, text)
    record = records[0]
    assert record.locate(("tiers", 1, "rate_percent")).as_tuple() == (5, 19)
    assert record.locate(("tiers", 0, "rate_percent"), at_key=True).as_tuple() == (4, 5)
    assert record.locate(("tiers", 0, "missing")).as_tuple() == (3, 5)
    assert record.locate(()).as_tuple() == (1, 1)


def test_every_document_of_a_multi_document_file_is_a_record(tmp_path: Path) -> None:
    """Records separated by `---` each keep their own start line; empty documents are skipped."""
    records, problems = _load(tmp_path, "kind: a\n---\n---\nkind: b\nid: x\n")
    assert problems == []
    assert [(r.data["kind"], r.start.line, r.document) for r in records] == [
        ("a", 1, 0),
        ("b", 4, 2),
    ]
    assert records[1].locate(("id",)).as_tuple() == (5, 5)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("postcode: 01000\n", "ambiguous-scalar"),  # octal in YAML 1.1
        ("siret: 01234567890123\n", "ambiguous-scalar"),  # text here, a number in YAML 1.2
        ("answer: yes\n", "ambiguous-scalar"),
        ("answer: n\n", "ambiguous-scalar"),
        ("time: 12:30\n", "ambiguous-scalar"),  # sexagesimal 750 in YAML 1.1
        ("big: 1_000\n", "ambiguous-scalar"),
        ("odd: .inf\n", "invalid-number"),
        ("tagged: !!python/name:os.system x\n", "yaml-tag"),
        ("a: 1\nb: {<<: {c: 2}}\n", "yaml-alias"),
        ("a: &x 1\n", "yaml-alias"),
        ("a: [1]\nb: 2\na: [3]\n", "duplicate-key"),
        ("? [1, 2]\n: x\n", "invalid-key"),
        ("- just\n- a list\n", "record-not-mapping"),
        ("", "empty-file"),
        ("# only a comment\n", "empty-file"),
        ("a: [unclosed\n", "yaml-syntax"),
        ("a:\n\tb: 1\n", "yaml-tab"),
    ],
)
def test_what_yaml_allows_but_a_registry_refuses(tmp_path: Path, text: str, code: str) -> None:
    """Each doubtful construct gives its own diagnostic code and no record that counts (the
    document is kept, refused, so that its id is known to exist)."""
    records, problems = _load(tmp_path, text)
    assert all(record.refused for record in records)
    assert len(problems) == 1
    assert f" error {code}: " in problems[0]


def test_plain_values_that_every_yaml_tool_reads_alike_are_accepted(tmp_path: Path) -> None:
    """true/false, null, 0, plain words and ids with digits are fine unquoted."""
    records, problems = _load(
        tmp_path, "a: true\nb: ~\nc: 0\nd: hello\ne: 2026-11-03-alice\nf: -7\n"
    )
    assert problems == []
    assert records[0].data == {
        "a": True,
        "b": None,
        "c": 0,
        "d": "hello",
        "e": "2026-11-03-alice",
        "f": -7,
    }


def test_deep_nesting_is_refused_before_recursion_fails(tmp_path: Path) -> None:
    """A record nested deeper than MAX_DEPTH levels is an error, not a RecursionError."""
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    records, problems = _load(tmp_path, text)
    assert all(record.refused for record in records)
    assert "too-deep" in problems[0]


def test_non_utf8_file_is_located_at_the_bad_byte(tmp_path: Path) -> None:
    """A Latin-1 file is refused with the line and column of its first non-UTF-8 byte."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes("kind: party\nname: Société\n".encode("latin-1"))
    _, diagnostics = load_file(path, "latin1.yaml")
    assert [d.format_text() for d in diagnostics] == [
        "latin1.yaml:2:11: error not-utf8: byte 0xe9 is not UTF-8: save the file as UTF-8 ($)"
    ]


def test_registry_root_is_found_upward_like_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From a subfolder the nearest commons-contracts.yaml above wins; none is an error; a
    folder given explicitly must be a registry itself."""
    (tmp_path / "reg" / "parties" / "deep").mkdir(parents=True)
    (tmp_path / "reg" / "commons-contracts.yaml").write_text("kind: workspace\nname: x\n")
    monkeypatch.chdir(tmp_path / "reg" / "parties" / "deep")
    assert find_registry_root() == (tmp_path / "reg").resolve()
    assert find_registry_root(tmp_path / "reg") == (tmp_path / "reg").resolve()
    with pytest.raises(RegistryNotFoundError, match="is not a registry"):
        find_registry_root(tmp_path / "reg" / "parties")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RegistryNotFoundError, match="commons-contracts init"):
        find_registry_root()


def test_hidden_and_output_folders_are_not_searched(tmp_path: Path) -> None:
    """Files under .git, out/ and templates/ are not records; .yml files are."""
    for name in (".git/x.yaml", "out/x.yaml", "templates/x.yaml", "a/b.yml", "a/c.yaml", "a/d.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("kind: x\n")
    assert registry_files(tmp_path) == ["a/b.yml", "a/c.yaml"]


def test_a_registry_inside_a_registry_is_not_read_as_its_records(tmp_path: Path) -> None:
    """A folder holding its own commons-contracts.yaml is another registry, skipped like a
    nested git repository."""
    for name in (
        "commons-contracts.yaml",
        "a.yaml",
        "essai/commons-contracts.yaml",
        "essai/b.yaml",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("kind: x\n")
    assert registry_files(tmp_path) == ["a.yaml", "commons-contracts.yaml"]
