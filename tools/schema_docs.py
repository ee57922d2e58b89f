"""Write docs/fields.md, the field-by-field reference of every record kind, from the schemas.

    python tools/schema_docs.py > docs/fields.md

A test checks that docs/fields.md is what this script writes, so the reference never drifts
from the schemas.
"""

from __future__ import annotations

from typing import Any

from commons_contracts.registry.schemas import KINDS, bundled_schemas


def _type_of(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"{name}"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    if "oneOf" in schema:
        return " or ".join(_type_of(s, defs) for s in schema["oneOf"])
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}), defs)}"
    return str(schema.get("type", "any"))


def _rows(
    properties: dict[str, Any], required: list[str], defs: dict[str, Any], prefix: str
) -> list[str]:
    rows: list[str] = []
    for name, schema in properties.items():
        mark = "yes" if name in required else ""
        description = schema.get("description", "").replace("|", "\\|")
        rows.append(f"| `{prefix}{name}` | {_type_of(schema, defs)} | {mark} | {description} |")
        nested = schema.get("items", schema) if schema.get("type") == "array" else schema
        if nested.get("type") == "object" and "properties" in nested:
            rows += _rows(
                nested["properties"], nested.get("required", []), defs, f"{prefix}{name}."
            )
    return rows


def render() -> str:
    """The Markdown reference."""
    bundled = bundled_schemas()
    lines = [
        "# Registry fields",
        "",
        "Generated from the JSON Schemas by `python tools/schema_docs.py > docs/fields.md`.",
        "Types name the shared definitions listed at the end.",
        "",
    ]
    for kind in KINDS:
        schema = bundled[f"{kind}.schema.json"]
        lines += [f"## `{kind}`", "", schema["description"], ""]
        lines += ["| field | type | required | description |", "|---|---|---|---|"]
        lines += _rows(schema["properties"], schema.get("required", []), schema["$defs"], "")
        lines.append("")
    lines += ["## Shared definitions", "", "| name | description |", "|---|---|"]
    common = bundled["record.schema.json"]["$defs"]
    for name, schema in common.items():
        if name in KINDS:
            continue
        lines.append(f"| `{name}` | {schema.get('description', '')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
