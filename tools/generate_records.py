"""Write src/commons_contracts/registry/records.py, the typed records, from the JSON Schemas.

    python tools/generate_records.py

Each field of a record is declared once, in its kind's schema (`schemas/`); this script turns
every schema into a frozen dataclass with one attribute per property, typed from the schema
(amounts and percentages `Decimal`, dates `datetime.date`, lists tuples, enumerations
`Literal`, nested objects dataclasses of their own) and defaulting to the schema's `default`
or to None, and a `from_data` that builds it from a schema-valid record. A test checks that
records.py is what this script writes, so the model never drifts from the schemas.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
OUTPUT = ROOT / "src" / "commons_contracts" / "registry" / "records.py"
COMMON = "common.schema.json"

# Definitions of the common schema that are one Python type.
_SCALAR_DEFS = {
    "money": "Decimal",
    "positive_money": "Decimal",
    "hours": "Decimal",
    "percent": "Decimal",
    "date": "datetime.date",
    "days": "int",
    "language": "Language",
    "local_text": "LocalText",
}
# How a value of each Python type is read from a schema-valid record.
_READERS = {"Decimal": "_decimal", "datetime.date": "_date", "LocalText": "LocalText"}


@dataclass
class Attribute:
    """One attribute of a generated class."""

    name: str
    python_type: str
    reader: str  # an expression of `value`
    required: bool
    default: str
    description: str


@dataclass
class Klass:
    """One generated dataclass."""

    name: str
    description: str
    attributes: list[Attribute] = field(default_factory=list)
    kind: str | None = None


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_ ]", name))


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name.removesuffix("s")


class Generator:
    """Walks the schemas and collects the classes to write."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self.defs = schemas[COMMON]["$defs"]
        self.classes: dict[str, Klass] = {}
        self.defaults: dict[str, str] = {}
        """Module constants holding the defaults of nested objects, by name."""

    def _ref(self, reference: str) -> tuple[str, dict[str, Any]]:
        name = reference.rsplit("/", 1)[-1]
        return name, self.defs[name]

    def type_of(self, schema: dict[str, Any], owner: str, field_name: str) -> tuple[str, str]:
        """(Python type, reader) of a property's schema: the reader is the name of a
        one-argument function turning the record's value into that type, or "" when the value
        is already of it."""
        if "$ref" in schema:
            name, definition = self._ref(schema["$ref"])
            if name in _SCALAR_DEFS:
                python_type = _SCALAR_DEFS[name]
                return python_type, _READERS.get(python_type, "")
            if definition.get("type") == "object":
                return self.object_class(_pascal(name), definition)
            if definition.get("type") == "array":
                return self.type_of(definition, owner, name)
            return self.type_of(definition, owner, field_name)
        if "const" in schema:
            return f"Literal[{schema['const']!r}]", ""
        if "enum" in schema:
            options = ", ".join(repr(option) for option in schema["enum"])
            return f"Literal[{options}]", ""
        if "oneOf" in schema:
            # One id or a list of ids: always a tuple of ids.
            return "tuple[str, ...]", "_ids"
        kind = schema.get("type")
        if kind == "array":
            item_type, item_reader = self.type_of(schema["items"], owner, _singular(field_name))
            return f"tuple[{item_type}, ...]", f"_tuple_of({item_reader or '_same'})"
        if kind == "object":
            if "properties" in schema:
                return self.object_class(_pascal(field_name), schema)
            values = schema.get("additionalProperties")
            if isinstance(values, dict):
                value_type, value_reader = self.type_of(values, owner, field_name)
                return f"Mapping[str, {value_type}]", f"_mapping_of({value_reader or '_same'})"
            return "Mapping[str, Any]", "_mapping_of(_same)"
        if kind == "integer":
            return "int", ""
        if kind == "boolean":
            return "bool", ""
        if kind == "string" and schema.get("format") == "date":
            return "datetime.date", "_date"
        return "str", ""

    def object_class(self, name: str, schema: dict[str, Any]) -> tuple[str, str]:
        """The class of a nested object (made once per name)."""
        if name not in self.classes:
            self.classes[name] = Klass(name, schema.get("description", ""))
            self.classes[name].attributes = self.attributes(name, schema)
        return name, f"{name}.from_data"

    def attributes(self, owner: str, schema: dict[str, Any]) -> list[Attribute]:
        """The attributes of an object schema, in the schema's order."""
        required = set(schema.get("required", ()))
        found = []
        for name, prop in schema["properties"].items():
            if name == "kind":
                continue
            python_type, reader = self.type_of(prop, owner, name)
            default = prop.get("default")
            found.append(
                Attribute(
                    name=name,
                    python_type=python_type,
                    reader=reader,
                    required=name in required,
                    default=self._literal(default, python_type),
                    description=prop.get("description", ""),
                )
            )
        return found

    def _literal(self, value: Any, python_type: str) -> str:
        if value is None:
            return "None"
        if python_type in self.classes:  # a nested object's default, built once like any value
            name = f"_DEFAULT_{re.sub(r'(?<!^)(?=[A-Z])', '_', python_type).upper()}"
            self.defaults[name] = f"{python_type}.from_data({value!r})"
            return name
        if python_type == "Decimal":
            return f'Decimal("{value}")'
        return repr(value)

    def record_class(self, kind: str, schema: dict[str, Any]) -> None:
        """The class of one record kind, `<Kind>Fields`."""
        name = f"{_pascal(kind)}Fields"
        klass = Klass(name, schema.get("description", ""), kind=kind)
        klass.attributes = self.attributes(name, schema)
        self.classes[name] = klass


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(indent) + len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return lines


def _docstring(text: str, indent: str) -> list[str]:
    text = text.replace("\\", "\\\\").replace('"""', "'''")
    if len(indent) + len(text) + 6 <= 100:
        return [f'{indent}"""{text}"""']
    body = _wrap(text, indent, width=94)
    body[0] = f'{indent}"""{body[0].strip()}'
    return [*body, f'{indent}"""']


def _write_class(klass: Klass) -> list[str]:
    lines = ["@dataclass(frozen=True, slots=True, kw_only=True)", f"class {klass.name}:"]
    lines.extend(_docstring(klass.description or klass.name, "    "))
    lines.append("")
    if klass.kind is not None:
        lines.append(f"    kind: ClassVar[str] = {klass.kind!r}")
    for attribute in klass.attributes:
        if attribute.required:
            lines.append(f"    {attribute.name}: {attribute.python_type}")
        elif attribute.default != "None":
            lines.append(f"    {attribute.name}: {attribute.python_type} = {attribute.default}")
        else:
            lines.append(f"    {attribute.name}: {attribute.python_type} | None = None")
        lines.extend(_docstring(attribute.description, "    "))
    lines.extend(
        [
            "",
            "    @classmethod",
            "    def from_data(cls, data: Mapping[str, Any]) -> Self:",
            '        """Build from a schema-valid mapping."""',
            "        return cls(",
        ]
    )
    for attribute in klass.attributes:
        key, read = f'"{attribute.name}"', attribute.reader
        if attribute.required:
            expression = f"{read}(data[{key}])" if read else f"data[{key}]"
        elif read:
            expression = f"_optional(data.get({key}), {attribute.default}, {read})"
        elif attribute.default != "None":
            expression = f"data.get({key}, {attribute.default})"
        else:
            expression = f"data.get({key})"
        lines.append(f"            {attribute.name}={expression},")
    lines.append("        )")
    return lines


HEADER = '''"""The registry's records as typed, frozen dataclasses: one attribute per field.

GENERATED by tools/generate_records.py from the JSON Schemas in schemas/: do not edit by hand.
Add or change a field in its schema, then run `python tools/generate_records.py`; a test checks
that this file is what the script writes. What is derived from the fields (a contract's end from
its duration, a flat rate as one tier...) lives in :mod:`commons_contracts.registry.model`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, Literal, Self, TypeVar

Language = Literal["fr", "en"]
"""The languages a document is written in."""

_T = TypeVar("_T")
_D = TypeVar("_D")


def _decimal(value: Any) -> Decimal:
    # The loader gives Decimal or int for numbers; str() keeps an int exact.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _same(value: Any) -> Any:
    return value


def _ids(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _tuple_of(read: Callable[[Any], _T]) -> Callable[[list[Any]], tuple[_T, ...]]:
    return lambda items: tuple(read(item) for item in items)


def _mapping_of(read: Callable[[Any], _T]) -> Callable[[dict[str, Any]], Mapping[str, _T]]:
    return lambda items: MappingProxyType({key: read(item) for key, item in items.items()})


def _optional(value: Any, default: _D, read: Callable[[Any], _T]) -> _T | _D:
    return default if value is None else read(value)


class LocalText(str):
    """A text of a record in one or more languages: a plain text, in the registry's language,
    or the same text per language (`{fr: ..., en: ...}`).

    It is the text itself (a `str`: the plain text, else the French, else the first given),
    so that code which does not care about languages reads it as before; a document asks for
    its own language with :meth:`in_language`.
    """

    translations: Mapping[str, str]
    """The text by language; empty for a plain text."""

    def __new__(cls, value: str | Mapping[str, str]) -> LocalText:
        """The text of a schema-valid value: a string, or a mapping of languages to texts."""
        if isinstance(value, str):
            text, translations = value, {}
        else:
            translations = dict(value)
            text = translations.get("fr") or next(iter(translations.values()))
        made = super().__new__(cls, text)
        made.translations = MappingProxyType(translations)
        return made

    def in_language(self, lang: str, registry_language: str) -> tuple[str, bool]:
        """The text in `lang`, and whether it really is in `lang`: a plain text is in
        `registry_language`; a missing language falls back on the registry's, else the
        first given."""
        if not self.translations:
            return str(self), lang == registry_language
        if lang in self.translations:
            return self.translations[lang], True
        fallback = self.translations.get(registry_language)
        return (fallback if fallback is not None else str(self)), False
'''


def generate() -> str:
    """The text of records.py."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMAS.glob("*.schema.json"))
    }
    generator = Generator(schemas)
    kinds = [name.removesuffix(".schema.json") for name in schemas if name != COMMON]
    for kind in kinds:
        generator.record_class(kind, schemas[f"{kind}.schema.json"])
    # Nested classes first (in the order met), then the record classes by kind.
    ordered = [k for k in generator.classes.values() if k.kind is None]
    ordered += sorted((k for k in generator.classes.values() if k.kind), key=lambda k: k.name)
    parts = [HEADER]
    for klass in ordered:
        parts.append("\n\n" + "\n".join(_write_class(klass)))
        for name, expression in generator.defaults.items():
            if expression.startswith(f"{klass.name}.from_data("):
                parts.append(f"\n\n{name} = {expression}\n")
    return "".join(parts) + "\n"


def formatted() -> str:
    """records.py as written: the generated text, formatted by ruff like every source file."""
    completed = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(OUTPUT), "-"],
        input=generate(),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return completed.stdout


if __name__ == "__main__":
    text = formatted()
    if "--check" in sys.argv:
        sys.exit(0 if OUTPUT.read_text(encoding="utf-8") == text else 1)
    OUTPUT.write_text(text, encoding="utf-8")
