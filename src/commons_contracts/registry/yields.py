"""What one registry file yields, on its own: its records, its own diagnostics, and a text form
of both that the cache keeps.

A file's yield depends on nothing but the file's bytes (and this program): the records read from
it, the problems of reading it (size, encoding, YAML), and the schema problems of each of its
records. The rules across records are not part of it; they run on the yields of every file.
So a yield can be kept while its file is unchanged (:mod:`commons_contracts.registry.cache`),
and the result of validation is the same whether a yield was just computed or kept.

The text form is JSON, which can hold no code. Amounts stay exact: a :class:`~decimal.Decimal`
is written as a JSON number with its own digits (`1234.50`, never through a float) and read back
as a :class:`~decimal.Decimal`; integers, which are never written with a point, stay integers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from json.encoder import encode_basestring_ascii
from typing import Any

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.text import did_you_mean
from commons_contracts.i18n.translation import _
from commons_contracts.registry.files import load_file
from commons_contracts.registry.schemas import KINDS, KindSchema, kind_schemas
from commons_contracts.registry.yaml_walk import Position, Record


@dataclass(frozen=True, slots=True)
class FileYield:
    """What one file yields on its own (see the module's docstring)."""

    records: tuple[Record, ...]
    """Every record read from the file, valid or not, in file order."""
    valid: tuple[bool, ...]
    """For each record, whether it passed the schema of its kind (never, for a record the
    loader refused)."""
    load_diagnostics: tuple[Diagnostic, ...]
    """Problems of the file itself and of its YAML (size, encoding, syntax, duplicate keys)."""
    schema_diagnostics: tuple[Diagnostic, ...]
    """Problems of its records against their schemas."""


def file_yield(path: str, shown: str) -> FileYield:
    """Read and check the file at `path` (`shown`: its path relative to the registry)."""
    records, diagnostics = load_file(path, shown)
    return records_yield(records, diagnostics)


def records_yield(records: Sequence[Record], load_diagnostics: Sequence[Diagnostic]) -> FileYield:
    """The yield of records already read (also of records about to be written)."""
    schemas = kind_schemas()
    valid: list[bool] = []
    schema_diagnostics: list[Diagnostic] = []
    for record in records:
        if record.refused:  # its problems are reported already, by the loader
            valid.append(False)
            continue
        problems = list(record_problems(record, schemas))
        schema_diagnostics.extend(problems)
        valid.append(not problems)
    return FileYield(
        tuple(records), tuple(valid), tuple(load_diagnostics), tuple(schema_diagnostics)
    )


def record_problems(record: Record, schemas: dict[str, KindSchema]) -> Iterator[Diagnostic]:
    """The schema problems of one record: no kind, an unknown kind, or its schema's errors."""
    kind = record.data.get("kind")
    if kind is None:
        yield record.diagnostic(
            (),
            Code.MISSING_KIND,
            _("record has no 'kind': say what it is, one of {items}").format(
                items=", ".join(KINDS)
            ),
        )
        return
    if not isinstance(kind, str) or kind not in schemas:
        yield record.diagnostic(
            ("kind",),
            Code.UNKNOWN_KIND,
            _("unknown kind '{kind}'{suggestion}: one of {items}").format(
                kind=kind, suggestion=did_you_mean(str(kind), KINDS), items=", ".join(KINDS)
            ),
        )
        return
    schema = schemas[kind]
    if schema.is_valid(record.data):
        return
    # jsonschema is imported only here, for the few records the compiled predicate rejects.
    from commons_contracts.registry.explain import explain  # noqa: PLC0415

    for error in schema.errors(record.data):
        yield from explain(record, schema, error)


class YieldFormatError(ValueError):
    """A text that is not the form :func:`encode_yield` writes (a damaged cache)."""


def encode_yield(found: FileYield) -> str:
    """The yield as JSON text: `[records, load diagnostics, schema diagnostics]`, a record as
    `[document, line, column, state, data]` (state: 0 failed its schema, 1 valid, 2 refused by
    the loader), a diagnostic as its six fields."""
    parts: list[str] = ["[["]
    for index, (record, valid) in enumerate(zip(found.records, found.valid, strict=True)):
        if index:
            parts.append(",")
        start = record.start
        state = 2 if record.refused else int(valid)
        parts.append(f"[{record.document},{start.line},{start.column},{state},")
        _dump(record.data, parts)
        parts.append("]")
    parts.append("],")
    parts.append(encode_diagnostics(found.load_diagnostics))
    parts.append(",")
    parts.append(encode_diagnostics(found.schema_diagnostics))
    parts.append("]")
    return "".join(parts)


def encode_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    """Diagnostics as a JSON list of `[path, line, column, code, message, json path]`."""
    if not diagnostics:
        return "[]"  # most files: no problem
    return json.dumps(
        [[d.path, d.line, d.column, d.code.value, d.message, d.json_path] for d in diagnostics],
        ensure_ascii=True,
        separators=(",", ":"),
    )


def _dump(value: Any, parts: list[str]) -> None:
    """Append the JSON text of a record's value: what the YAML walk makes, nothing else."""
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring_ascii(value))
    elif kind is dict:
        parts.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                parts.append(",")
            parts.append(encode_basestring_ascii(key))
            parts.append(":")
            _dump(item, parts)
        parts.append("}")
    elif kind is list:
        parts.append("[")
        for index, item in enumerate(value):
            if index:
                parts.append(",")
            _dump(item, parts)
        parts.append("]")
    elif kind is Decimal:
        if not value.is_finite():
            raise YieldFormatError(f"not a finite decimal: {value}")
        text = str(value)
        # `1.` is a Decimal without a point in its text: an exponent keeps it a JSON fraction,
        # read back as the same Decimal (same digits, same exponent), not as an integer.
        parts.append(text if ("." in text or "E" in text) else f"{text}E+0")
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(str(value))
    else:
        raise YieldFormatError(f"a record value of type {kind.__name__} has no text form")


_DECODER = json.JSONDecoder(parse_float=Decimal)


def decode_yields(texts: Sequence[str]) -> list[Any]:
    """Parse many texts of :func:`encode_yield` at once (one JSON document: much faster than
    one call per file); :func:`yields_from_json` then makes each a :class:`FileYield`."""
    try:
        decoded = _DECODER.decode("[" + ",".join(texts) + "]")
    except (ValueError, RecursionError) as error:
        raise YieldFormatError(f"not a cached yield: {error}") from None
    if not isinstance(decoded, list) or len(decoded) != len(texts):
        raise YieldFormatError("not a list of cached yields")
    return decoded


def yields_from_json(values: Sequence[Any], base: str, names: Sequence[str]) -> list[FileYield]:
    """The :class:`FileYield` of each file `names[i]` of the registry at `base` from the
    decoded items of :func:`decode_yields`; a :class:`YieldFormatError` if one does not have
    the shape :func:`encode_yield` writes.

    This runs for every file of a cached registry, so the common file (one valid record, no
    problem) takes a short path, and positions, which are immutable, are shared."""
    positions: dict[tuple[int, int], Position] = {}
    prefix = base + os.sep
    found: list[FileYield] = []
    try:
        for value, shown in zip(values, names, strict=True):
            raw_records, raw_load, raw_schema = value
            path = prefix + shown
            records: list[Record] = []
            valid: list[bool] = []
            for document, line, column, state, data in raw_records:
                if not (
                    type(document) is int
                    and type(line) is int
                    and type(column) is int
                    and state in (0, 1, 2)
                    and type(data) is dict
                ):
                    raise YieldFormatError("a cached record has the wrong shape")
                start = positions.get((line, column))
                if start is None:
                    start = positions[(line, column)] = Position(line, column)
                records.append(Record(path, shown, document, start, data, None, state == 2))
                valid.append(state == 1)
            found.append(
                FileYield(
                    tuple(records),
                    tuple(valid),
                    decode_diagnostics(raw_load) if raw_load else (),
                    decode_diagnostics(raw_schema) if raw_schema else (),
                )
            )
    except (TypeError, ValueError) as error:
        raise YieldFormatError(f"a cached yield has the wrong shape: {error}") from None
    return found


def decode_diagnostics(value: Any) -> tuple[Diagnostic, ...]:
    """Diagnostics from the JSON form of :func:`encode_diagnostics`."""
    diagnostics: list[Diagnostic] = []
    try:
        for path, line, column, code, message, json_path in value:
            if not (
                type(path) is str
                and type(line) is int
                and type(column) is int
                and type(message) is str
                and type(json_path) is str
            ):
                raise YieldFormatError("a cached diagnostic has the wrong shape")
            found = Code(code)  # type: ignore[call-arg]  # a member, looked up by its value
            diagnostics.append(Diagnostic(path, line, column, found, message, json_path))
    except (TypeError, ValueError) as error:
        raise YieldFormatError(f"a cached diagnostic has the wrong shape: {error}") from None
    return tuple(diagnostics)
