"""The registry's JSON Schemas: packaged files, their validators and a fast validity check.

The schemas (draft 2020-12) live in the top-level `schemas/` folder and ship in the package;
they are read through :mod:`importlib.resources`, so an installed wheel and an editable install
find them alike. Each kind has a :class:`KindSchema` with two faces:

* :meth:`KindSchema.is_valid`, a predicate compiled once from the schema into nested closures.
  It answers yes or no for the common case, a valid record, about twenty times faster than
  `jsonschema` (see BENCHMARKS.md);
* :meth:`KindSchema.errors`, the `jsonschema` validator, run only on records the predicate
  rejects, which gives the full, standard list of errors to report.

The compiler knows exactly the keywords our schemas use and refuses any other at start-up, and a
test checks on every fixture and on generated records that both faces agree.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

from commons_contracts.core.dates import is_date_time, parse_date
from commons_contracts.core.money import decimal_places

if TYPE_CHECKING:
    # Imported when first needed, not at start-up: a command on an unchanged registry checks
    # no record (see registry/cache.py), and these take a tenth of a second to import.
    import referencing
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError
    from referencing._core import Resolver  # the type of registry.resolver(), not re-exported

COMMON_SCHEMA = "common.schema.json"
KINDS = (
    "workspace",
    "commons",
    "party",
    "hosting-contract",
    "reciprocity-contract",
    "declaration",
    "payment",
    "signature",
    "amendment",
    "termination",
    "income",
    "expense",
    "approval",
    "payout",
    "void",
)
"""Every record kind of the registry format, version 1."""

CONTRACT_KINDS = ("hosting-contract", "reciprocity-contract")

SIGNABLE_KINDS = (*CONTRACT_KINDS, "amendment")
"""The kinds whose ids commands take as contract ids (one namespace): a signature, a render or a
status names a contract or an amendment."""

Predicate = Callable[[Any], bool]


# Format checks shared by jsonschema and the compiled predicate. Like jsonschema's own, each
# accepts values of other types: the `type` keyword is what rejects those.
def _is_money(value: object) -> bool:
    return not isinstance(value, Decimal) or (value.is_finite() and decimal_places(value) <= 2)


def _is_percent(value: object) -> bool:
    return not isinstance(value, Decimal) or (value.is_finite() and decimal_places(value) <= 4)


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s]+")


def _is_regex(text: str) -> bool:
    try:
        re.compile(text)
    except re.error:
        return False
    return True


def _text_check(check: Callable[[str], bool]) -> Callable[[object], bool]:
    return lambda value: not isinstance(value, str) or bool(check(value))


def _stdnum_check(module: str, *, remembered: bool = False) -> Callable[[object], bool]:
    """The `is_valid` of a python-stdnum module, imported the first time a value is checked
    (`remembered`: each distinct value checked once per process)."""

    @functools.cache
    def imported() -> Callable[[str], bool]:
        found: Callable[[str], bool] = importlib.import_module(f"stdnum.{module}").is_valid
        return found

    def is_valid(text: str) -> bool:
        return imported()(text)

    if remembered:
        return _text_check(functools.lru_cache(maxsize=65536)(is_valid))
    return _text_check(is_valid)


FORMATS: dict[str, Callable[[object], bool]] = {
    "money": _is_money,
    "hours": _is_money,
    "percent": _is_percent,
    "date": _text_check(lambda s: parse_date(s) is not None),
    "date-time": _text_check(is_date_time),
    "email": _text_check(lambda s: bool(_EMAIL.fullmatch(s))),
    "uri": _text_check(lambda s: bool(_URI.fullmatch(s))),
    "siren": _stdnum_check("fr.siren"),
    "siret": _stdnum_check("fr.siret"),
    "rna": _text_check(lambda s: bool(re.fullmatch(r"W[0-9A-Z][0-9]{8}", s))),
    "vat-number": _stdnum_check("eu.vat"),
    # A payee's IBAN comes back on each of its expenses, and python-stdnum takes half a
    # millisecond to check one: each distinct IBAN is checked once per process.
    "iban": _stdnum_check("iban", remembered=True),
    "regex": _text_check(_is_regex),
}
"""Every `format` our schemas use, with the function that checks it."""


def python_pattern(pattern: str) -> re.Pattern[str]:
    r"""A schema `pattern` compiled with ECMA-262's meaning of a final `$`: the end of the text.

    In Python, `$` also matches before a final newline, so `^[a-z]+$` would accept
    `"movilab\n"` (a YAML block scalar) as an id; `\Z` does not.
    """
    backslashes = len(pattern[:-1]) - len(pattern[:-1].rstrip("\\"))
    if pattern.endswith("$") and backslashes % 2 == 0:  # an anchor, not an escaped `\$`
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(
    validator: Draft202012Validator, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """jsonschema's `pattern` keyword, with :func:`python_pattern`."""
    from jsonschema import ValidationError  # noqa: PLC0415 - see _validator_class

    if isinstance(instance, str) and not python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _validator_class() -> type[Draft202012Validator]:
    """Draft 2020-12 with our `pattern`. jsonschema is imported here, not at start-up: it takes
    a tenth of a second, and only records that the compiled predicate rejects need it."""
    from jsonschema import Draft202012Validator, validators  # noqa: PLC0415

    # jsonschema types `extend` loosely; the result is a Draft 2020-12 validator class.
    extended: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": _pattern}
    )
    return extended


@functools.cache
def _format_checker() -> FormatChecker:
    from jsonschema import FormatChecker  # noqa: PLC0415 - see _validator_class

    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return checker


def schema_files() -> dict[str, dict[str, Any]]:
    """Every packaged schema file, by file name (`party.schema.json`...)."""
    folder = resources.files("commons_contracts") / "schemas"
    return {
        # Bounds such as 999999999999.99 are compared with exact amounts: read them exactly.
        entry.name: json.loads(entry.read_text(encoding="utf-8"), parse_float=Decimal)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".schema.json")
    }


@dataclass(frozen=True)
class KindSchema:
    """The schema of one record kind: its document, fast predicate and jsonschema validator."""

    kind: str
    schema: Mapping[str, Any]
    is_valid: Predicate
    resolver: Resolver[Any]
    registry: referencing.Registry[Any]

    @functools.cached_property
    def validator(self) -> Draft202012Validator:
        """The jsonschema validator of the kind, made the first time it is needed."""
        validator_class = _validator_class()
        validator_class.check_schema(self.schema)
        checker = _format_checker()
        return validator_class(self.schema, registry=self.registry, format_checker=checker)

    def errors(self, instance: Any) -> Iterator[ValidationError]:
        """Every schema error of `instance`, in jsonschema's order."""
        errors: Iterator[ValidationError] = self.validator.iter_errors(instance)
        return errors

    def property_names(self, json_path: tuple[str | int, ...]) -> list[str]:
        """The keys the schema allows in the object at `json_path` (for "did you mean")."""
        schema: Mapping[str, Any] = self.schema
        resolver = self.resolver
        for part in json_path:
            schema, resolver = _follow_refs(schema, resolver)
            if isinstance(part, int):
                schema = schema.get("items", {})
            else:
                schema = schema.get("properties", {}).get(part, {})
        schema, _ = _follow_refs(schema, resolver)
        return sorted(schema.get("properties", {}))


def _follow_refs(schema: Any, resolver: Resolver[Any]) -> tuple[Mapping[str, Any], Resolver[Any]]:
    while isinstance(schema, Mapping) and "$ref" in schema:
        resolved = resolver.lookup(schema["$ref"])
        schema, resolver = resolved.contents, resolved.resolver
    return (schema if isinstance(schema, Mapping) else {}), resolver


@functools.cache
def kind_schemas() -> dict[str, KindSchema]:
    """The schema of every kind, compiled once per process."""
    import referencing  # noqa: PLC0415 - see the imports at the top
    from referencing.jsonschema import DRAFT202012  # noqa: PLC0415

    files = schema_files()
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (document["$id"], DRAFT202012.create_resource(document)) for document in files.values()
    )
    result: dict[str, KindSchema] = {}
    for kind in KINDS:
        document = files[f"{kind}.schema.json"]
        resolver = registry.resolver(base_uri=document["$id"])
        predicate = _Compiler().compile(document, resolver)
        result[kind] = KindSchema(kind, document, predicate, resolver, registry)
    return result


def bundled_schemas() -> dict[str, dict[str, Any]]:
    """Every schema made self-contained for editors: the shared definitions are copied into
    each kind's `$defs` and its `$ref`s point there, so no tool has to fetch another file.
    Also gives `record.schema.json`, which embeds every kind and picks the schema of a record
    by its `kind`: the one file to give an editor for a whole registry."""
    files = schema_files()
    common_defs = files[COMMON_SCHEMA]["$defs"]
    prefix = f"{COMMON_SCHEMA}#/$defs/"

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    "#/$defs/" + value.removeprefix(prefix)
                    if key == "$ref" and isinstance(value, str) and value.startswith(prefix)
                    else rewrite(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    bundled: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        document = rewrite(files[f"{kind}.schema.json"])
        document["$defs"] = {**common_defs, **document.get("$defs", {})}
        bundled[f"{kind}.schema.json"] = document
    # The record schema embeds every kind, so that an editor needs this one file only.
    base = files[COMMON_SCHEMA]["$id"].rsplit("/", 1)[0]
    embedded = {
        kind: {
            key: value
            for key, value in bundled[f"{kind}.schema.json"].items()
            if key not in ("$schema", "$id", "$defs")
        }
        for kind in KINDS
    }
    bundled["record.schema.json"] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base}/record.schema.json",
        "title": "commons-contracts record",
        "description": "Any record of a commons-contracts registry: the schema of its kind.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"description": "The kind of record.", "enum": list(KINDS)}},
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": f"#/$defs/{kind}"},
            }
            for kind in KINDS
        ],
        "$defs": {**common_defs, **embedded},
    }
    return bundled


_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "title", "description", "examples", "default", "$comment"}
)


class _Compiler:
    """Compiles the subset of JSON Schema our schemas use into a predicate.

    Every keyword becomes a small check; the checks of one schema run in sequence and stop at
    the first failure. Keywords outside the subset raise at start-up, so a schema can never gain
    a rule that the predicate silently ignores.
    """

    def __init__(self) -> None:
        self.cache: dict[int, Predicate] = {}

    def compile(self, schema: Any, resolver: Resolver[Any]) -> Predicate:
        if schema is True:
            return _always
        if schema is False:
            return _never
        checks: list[Predicate] = []
        if "$ref" in schema:
            checks.append(self.compile_ref(schema["$ref"], resolver))
        if "type" in schema:
            checks.append(_type_check(schema["type"]))
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("$ref", "type"):
                continue
            checks.append(self.keyword(keyword, value, schema, resolver))
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]

        def every_check(instance: Any) -> bool:
            # A plain loop: it runs for every value of every record, and all() over a
            # generator costs a third more.
            for check in checks:  # noqa: SIM110
                if not check(instance):
                    return False
            return True

        return every_check

    def compile_ref(self, reference: str, resolver: Resolver[Any]) -> Predicate:
        resolved = resolver.lookup(reference)
        # The same definition reached from several places is compiled once.
        key = id(resolved.contents)
        if key not in self.cache:
            self.cache[key] = self.compile(resolved.contents, resolved.resolver)
        return self.cache[key]

    def keyword(
        self,
        keyword: str,
        value: Any,
        schema: Mapping[str, Any],
        resolver: Resolver[Any],
    ) -> Predicate:
        if keyword == "properties":
            compiled = {name: self.compile(sub, resolver) for name, sub in value.items()}
            return lambda o: (
                not isinstance(o, dict)
                or all(check(o[name]) for name, check in compiled.items() if name in o)
            )
        if keyword == "additionalProperties":
            known = frozenset(schema.get("properties", {}))
            if value is False:
                return lambda o: not isinstance(o, dict) or known.issuperset(o)
            extra = self.compile(value, resolver)
            return lambda o: (
                not isinstance(o, dict) or all(extra(v) for k, v in o.items() if k not in known)
            )
        if keyword == "required":
            names = tuple(value)
            return lambda o: not isinstance(o, dict) or all(name in o for name in names)
        if keyword == "minProperties":
            return lambda o: not isinstance(o, dict) or len(o) >= value
        if keyword == "propertyNames":
            check = self.compile(value, resolver)
            return lambda o: not isinstance(o, dict) or all(check(k) for k in o)
        if keyword == "dependentRequired":
            pairs = tuple((name, tuple(needed)) for name, needed in value.items())
            return lambda o: (
                not isinstance(o, dict)
                or all(all(n in o for n in needed) for name, needed in pairs if name in o)
            )
        if keyword == "items":
            check = self.compile(value, resolver)
            return lambda a: not isinstance(a, list) or all(check(i) for i in a)
        if keyword == "minItems":
            return lambda a: not isinstance(a, list) or len(a) >= value
        if keyword == "uniqueItems":
            return lambda a: not isinstance(a, list) or not value or _unique(a)
        if keyword == "pattern":
            search = python_pattern(value).search
            return lambda s: not isinstance(s, str) or search(s) is not None
        if keyword == "minLength":
            return lambda s: not isinstance(s, str) or len(s) >= value
        if keyword == "format":
            return FORMATS[value]
        if keyword in ("minimum", "maximum", "exclusiveMinimum"):
            compare = _COMPARISONS[keyword]
            return lambda n: not _is_number(n) or compare(n, value)
        if keyword == "enum":
            options = tuple(value)
            return lambda v: any(_json_equal(v, option) for option in options)
        if keyword == "const":
            return lambda v: _json_equal(v, value)
        if keyword == "oneOf":
            branches = [self.compile(sub, resolver) for sub in value]
            return lambda v: sum(1 for branch in branches if branch(v)) == 1
        if keyword == "allOf":
            branches = [self.compile(sub, resolver) for sub in value]
            return lambda v: all(branch(v) for branch in branches)
        if keyword == "not":
            negated = self.compile(value, resolver)
            return lambda v: not negated(v)
        if keyword == "if":
            condition = self.compile(value, resolver)
            then = self.compile(schema.get("then", True), resolver)
            otherwise = self.compile(schema.get("else", True), resolver)
            return lambda v: then(v) if condition(v) else otherwise(v)
        if keyword in ("then", "else"):
            return _always  # compiled with their `if`
        raise ValueError(f"the schema compiler does not know the keyword {keyword!r}")


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": lambda n, bound: n >= bound,
    "maximum": lambda n, bound: n <= bound,
    "exclusiveMinimum": lambda n, bound: n > bound,
}

_TYPE_CHECKS: dict[str, Predicate] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _type_check(expected: str | list[str]) -> Predicate:
    if isinstance(expected, str):
        return _TYPE_CHECKS[expected]
    checks = [_TYPE_CHECKS[name] for name in expected]
    return lambda v: any(check(v) for check in checks)


def _json_equal(left: Any, right: Any) -> bool:
    """Equality as JSON Schema defines it: `true` is not `1`, `1` equals `1.0`."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_json_equal(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_json_equal, left, right))
    return type(left) is type(right) and bool(left == right)


def _unique(items: list[Any]) -> bool:
    return all(not _json_equal(a, b) for i, a in enumerate(items) for b in items[i + 1 :])
