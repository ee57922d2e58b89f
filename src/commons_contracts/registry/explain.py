"""Schema errors explained: each jsonschema error turned into located diagnostics with a code
and a message a host can act on.

One small function per JSON Schema keyword, listed in :data:`EXPLAINERS`; a keyword without one
gives the schema's own message under the code `schema`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from commons_contracts.core.diagnostics import Code, Diagnostic
from commons_contracts.core.text import did_you_mean
from commons_contracts.i18n.catalog import schema_text
from commons_contracts.i18n.translation import N_, _, current_language
from commons_contracts.registry.yaml_walk import JsonPath, Record

if TYPE_CHECKING:  # jsonschema makes the errors explained here; importing it takes a while
    from jsonschema import ValidationError

    from commons_contracts.registry.schemas import KindSchema

_TYPE_NAMES = {
    "object": N_("a mapping (key: value lines)"),
    "array": N_("a list"),
    "string": N_("a text"),
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "null": N_("nothing"),
}
_FORMAT_PROBLEMS = {
    "money": (Code.TOO_MANY_DECIMALS, N_("an amount has at most 2 decimals")),
    "hours": (Code.TOO_MANY_DECIMALS, N_("hours have at most 2 decimals")),
    "percent": (Code.TOO_MANY_DECIMALS, N_("a percentage has at most 4 decimals")),
    "date": (Code.INVALID_DATE, N_("is not a real date written YYYY-MM-DD (years 1900 to 2199)")),
    "date-time": (Code.INVALID_DATE, N_("is not a date and time written YYYY-MM-DDTHH:MM:SSZ")),
    "siren": (Code.INVALID_SIREN, N_("is not a valid SIREN: its check digit is wrong")),
    "siret": (Code.INVALID_SIRET, N_("is not a valid SIRET: its check digit is wrong")),
    "rna": (Code.INVALID_RNA, N_("is not an RNA number (W followed by 9 characters)")),
    "vat-number": (Code.INVALID_VAT_NUMBER, N_("is not a valid VAT number: its key is wrong")),
    "iban": (Code.INVALID_IBAN, N_("is not a valid IBAN: its check digits are wrong")),
    "email": (Code.INVALID_EMAIL, N_("is not an e-mail address")),
    "uri": (Code.INVALID_URL, N_("is not a web address (https://...)")),
    "regex": (Code.INVALID_FORMAT, N_("is not a regular expression (Python syntax)")),
}
_ID_PATTERN = "^[a-z0-9][a-z0-9._-]{0,79}$"
_BOUNDS = {
    "minimum": N_("{field} is {value}: it must be at least {bound}"),
    "maximum": N_("{field} is {value}: it must be at most {bound}"),
    "exclusiveMinimum": N_("{field} is {value}: it must be more than {bound}"),
}


@dataclass(frozen=True)
class SchemaError:
    """One jsonschema error, with what its explanation needs."""

    record: Record
    schema: KindSchema
    error: ValidationError

    @property
    def path(self) -> JsonPath:
        """Where in the record the error is."""
        return tuple(self.error.absolute_path)

    @property
    def value(self) -> Any:
        """The value at fault."""
        return self.error.instance

    @property
    def expected(self) -> Any:
        """What the keyword asked for (its value in the schema)."""
        return self.error.validator_value

    @property
    def field(self) -> str:
        """How a message names the value: `'rate_percent'`, or "the value" in a list."""
        path = self.path
        return f"'{path[-1]}'" if path and isinstance(path[-1], str) else _("the value")

    def at(self, code: Code, message: str, path: JsonPath | None = None) -> Diagnostic:
        """A diagnostic at the error's value (or at `path`)."""
        return self.record.diagnostic(self.path if path is None else path, code, message)


Explainer = Callable[[SchemaError], Iterator[Diagnostic]]


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return str(value)


def _required(e: SchemaError) -> Iterator[Diagnostic]:
    match = re.match(r"^'(.*)' is a required property$", e.error.message)
    name = match.group(1) if match else e.error.message
    # A field required only with some values (`funder_type` for a subsidy): its rule says why.
    why = e.error.schema.get("description") if isinstance(e.error.schema, dict) else None
    because = ""
    if why and "then" in e.error.schema_path:
        because = f": {schema_text(why, current_language())}"
    yield e.at(
        Code.MISSING_FIELD,
        _("missing required field '{name}'{because}").format(name=name, because=because),
    )


def _dependent_required(e: SchemaError) -> Iterator[Diagnostic]:
    for name, needed in e.expected.items():
        for other in needed:
            if name in e.value and other not in e.value:
                yield e.at(
                    Code.MISSING_FIELD,
                    _("'{name}' needs '{other}' beside it").format(name=name, other=other),
                )


def _additional_properties(e: SchemaError) -> Iterator[Diagnostic]:
    # The keys of the schema that failed: inside a `oneOf` branch (a text per language), the
    # record's schema at that path does not list them.
    own = e.error.schema.get("properties")  # type: ignore[union-attr]
    allowed = sorted(own) if own else e.schema.property_names(e.path)
    for key in sorted(set(e.value) - set(allowed)):
        yield e.record.diagnostic(
            (*e.path, key),
            Code.UNKNOWN_KEY,
            _("unknown key '{key}'{suggestion}").format(
                key=key, suggestion=did_you_mean(key, allowed)
            ),
            at_key=True,
        )


def _type(e: SchemaError) -> Iterator[Diagnostic]:
    if e.expected == "string" and e.record.is_plain_scalar(e.path) and e.value is not None:
        yield e.at(
            Code.QUOTE_STRING,
            _(
                '{field} must be text: write it in quotes ("{value}") so that every YAML tool '
                "reads the same digits"
            ).format(field=e.field, value=_as_text(e.value)),
        )
    else:
        expected = e.expected
        if e.expected in _TYPE_NAMES:
            expected = _(_TYPE_NAMES[e.expected])
        yield e.at(
            Code.WRONG_TYPE,
            _("{field} must be {expected}, not '{value}'").format(
                field=e.field, expected=expected, value=_as_text(e.value)
            ),
        )


def _format(e: SchemaError) -> Iterator[Diagnostic]:
    code, problem = _FORMAT_PROBLEMS[e.expected]
    if code == Code.TOO_MANY_DECIMALS:
        shown = _("{field} is {value}: {problem}").format(
            field=e.field, value=_as_text(e.value), problem=_(problem)
        )
    else:
        shown = _("'{value}' {problem}").format(value=_as_text(e.value), problem=_(problem))
    yield e.at(code, shown)


def _pattern(e: SchemaError) -> Iterator[Diagnostic]:
    if e.expected == _ID_PATTERN:
        yield e.at(
            Code.INVALID_ID,
            _(
                "'{value}' is not a valid id: use lower-case letters, digits, '.', '_' and '-', "
                "starting with a letter or digit, at most 80 characters"
            ).format(value=e.value),
        )
    else:
        description = e.error.schema.get("description", "")  # type: ignore[union-attr]
        if description:
            description = schema_text(description, current_language())
        yield e.at(
            Code.INVALID_FORMAT,
            _("'{value}' is not in the expected form. {description}").format(
                value=e.value, description=description
            ),
        )


def _enum(e: SchemaError) -> Iterator[Diagnostic]:
    options = e.expected if e.error.validator == "enum" else [e.expected]
    hint = did_you_mean(str(e.value), [str(o) for o in options])
    yield e.at(
        Code.INVALID_VALUE,
        _("'{value}' is not allowed here{suggestion}: one of {options}").format(
            value=_as_text(e.value), suggestion=hint, options=", ".join(str(o) for o in options)
        ),
    )


def _bound(e: SchemaError) -> Iterator[Diagnostic]:
    wording = _(_BOUNDS[str(e.error.validator)])
    yield e.at(
        Code.OUT_OF_RANGE,
        wording.format(field=e.field, value=_as_text(e.value), bound=e.expected),
    )


def _one_of(e: SchemaError) -> Iterator[Diagnostic]:
    if not e.path and e.record.kind == "reciprocity-contract":
        both = "rate_percent" in e.value and "tiers" in e.value
        yield e.at(
            Code.RATE_OR_TIERS,
            _("give either a flat 'rate_percent' or 'tiers', not both")
            if both
            else _("give a flat 'rate_percent' or 'tiers'"),
        )
    elif e.error.context:
        # A value that may take several forms (one id or a list of ids): report the problems
        # of the form that came closest.
        branches: defaultdict[str | int, list[ValidationError]] = defaultdict(list)
        for sub in e.error.context:
            branches[sub.relative_schema_path[0]].append(sub)

        # A branch of another type than the value (a text where a mapping was written) is
        # farther than one of its type (`{de: ...}` is a mapping of unknown languages).
        def distance(subs: list[ValidationError]) -> tuple[bool, int, int]:
            wrong_type = any(sub.validator == "type" and not sub.path for sub in subs)
            return wrong_type, len(subs), -len(subs[0].path)

        closest = min(branches.values(), key=distance)
        for sub in closest:
            yield from explain(e.record, e.schema, sub)
    else:
        yield e.at(Code.SCHEMA, e.error.message)


def _not(e: SchemaError) -> Iterator[Diagnostic]:
    excluded = e.expected.get("required") if isinstance(e.expected, dict) else None
    if excluded and isinstance(e.value, dict) and e.record.kind != "hosting-contract":
        # A field that the record's other values exclude (`hours` on an invoice): at its key,
        # with the rule that excludes it.
        why = e.error.schema.get("description") if isinstance(e.error.schema, dict) else None
        for name in excluded:
            if name in e.value:
                yield e.record.diagnostic(
                    (*e.path, name),
                    Code.NOT_ALLOWED_HERE,
                    _("'{name}' is not allowed here: {value}").format(
                        name=name,
                        value=schema_text(why, current_language())
                        if why
                        else _("another field excludes it"),
                    ),
                    at_key=True,
                )
    elif not e.path and e.record.kind == "hosting-contract":
        yield e.record.diagnostic(
            ("duration_months",),
            Code.END_OR_DURATION,
            _("give 'end_date' or 'duration_months', not both"),
            at_key=True,
        )
    else:
        yield e.at(Code.SCHEMA, e.error.message)


def _min_length(e: SchemaError) -> Iterator[Diagnostic]:
    yield e.at(Code.INVALID_VALUE, _("{field} must not be empty").format(field=e.field))


def _min_items(e: SchemaError) -> Iterator[Diagnostic]:
    yield e.at(
        Code.INVALID_VALUE,
        _("{field} needs at least {count} item(s)").format(field=e.field, count=e.expected),
    )


def _min_properties(e: SchemaError) -> Iterator[Diagnostic]:
    keys = sorted(e.error.schema.get("properties", {}))  # type: ignore[union-attr]
    among = f" ({', '.join(keys)})" if keys else ""
    yield e.at(
        Code.INVALID_VALUE,
        _("{field} needs at least {count} key(s){among}").format(
            field=e.field, count=e.expected, among=among
        ),
    )


def _unique_items(e: SchemaError) -> Iterator[Diagnostic]:
    yield e.at(Code.INVALID_VALUE, _("{field} lists the same item twice").format(field=e.field))


EXPLAINERS: dict[str, Explainer] = {
    "required": _required,
    "dependentRequired": _dependent_required,
    "additionalProperties": _additional_properties,
    "type": _type,
    "format": _format,
    "pattern": _pattern,
    "enum": _enum,
    "const": _enum,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "oneOf": _one_of,
    "not": _not,
    "minLength": _min_length,
    "minItems": _min_items,
    "minProperties": _min_properties,
    "uniqueItems": _unique_items,
}
"""How each JSON Schema keyword's error is explained."""


def explain(record: Record, schema: KindSchema, error: ValidationError) -> Iterator[Diagnostic]:
    """Turn one jsonschema error into located diagnostics with a message a host can act on."""
    explainer = EXPLAINERS.get(str(error.validator))
    if explainer is None:
        yield record.diagnostic(tuple(error.absolute_path), Code.SCHEMA, error.message)
    else:
        yield from explainer(SchemaError(record, schema, error))
