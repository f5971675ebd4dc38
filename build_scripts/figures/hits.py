"""A figure's hit map: where each mark of the static chart lies and what its tooltip says.

The static chart answers a pointer at once from this file, while Vega loads (site_config/js/figures.js).
Both come from one place: the geometry is vl-convert's own scenegraph of the Vega spec, the renderer
that drew the static images, so every box lies exactly under its mark; the tooltip is the value
Vega computes from the spec's own tooltip expression for that item, so the instant answer and the
live view's say the same thing.

Vega serialises only a fixed list of item properties, tooltips not among them, so a copy of the spec
puts each tooltip's values into an item's `description` as an array (which survives serialisation),
with the object's keys read from the expression here.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from typing import Any

import vl_convert as vlc

SHAPES = ("rect", "symbol", "rule", "text", "line", "path")  # the mark types a hit map can describe
DIGITS = 2  # coordinates in CSS pixels: hundredths are finer than any pointer


class HitMapError(ValueError):
    """The chart has a mark the hit map cannot describe, or the spec is not what this module expects."""


def split_top_level(text: str, separator: str) -> list[str]:
    """Split an expression at `separator` outside strings, brackets and parentheses."""
    parts, depth, quote, start, i = [], 0, "", 0, 0
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def tooltip_fields(expression: str) -> tuple[list[str] | None, list[str]]:
    """The keys (None for a bare value) and value expressions of a Vega-Lite tooltip signal."""
    expression = expression.strip()
    if not (expression.startswith("{") and expression.endswith("}")):
        return None, [expression]
    keys, values = [], []
    for entry in split_top_level(expression[1:-1], ","):
        key, *value = split_top_level(entry, ":")  # a value may hold colons of its own (a ? b : c)
        if not key.startswith('"'):
            raise HitMapError(f"tooltip key is not a quoted string: {key!r}")
        keys.append(json.loads(key))
        values.append(":".join(value))
    return keys, values


def _instrument(marks: list[dict[str, Any]], keys_of: dict[str, list[str] | None]) -> None:
    """Give every mark with a tooltip a `description` array of its tooltip's values."""
    for mark in marks:
        update = mark.get("encode", {}).get("update", {})
        if "isVoronoi" in update:
            # A nearest-point cell stands for the point it belongs to: its datum is that point's item.
            source = mark.get("from", {}).get("data", "")
            keys_of[mark["name"]] = keys_of.get(source)
            update["description"] = {"signal": "datum.description"}
        elif "tooltip" in update:
            tooltip = update["tooltip"]
            if "signal" not in tooltip:
                raise HitMapError(f"mark {mark.get('name')!r}: tooltip is not a signal: {tooltip}")
            keys, values = tooltip_fields(tooltip["signal"])
            keys_of[mark.get("name", "")] = keys
            update["description"] = {"signal": f"[{', '.join(values)}]"}
        _instrument(mark.get("marks", []), keys_of)


def _number(value: float) -> float:
    return round(float(value), DIGITS)


def _tip(item: dict[str, Any], keys: list[str] | None, name: str) -> Any:
    values = item.get("description")
    if not isinstance(values, list):
        raise HitMapError(f"mark {name!r}: an item has no tooltip values")
    return values[0] if keys is None else dict(zip(keys, values, strict=True))


def _shape(marktype: str, item: dict[str, Any], dx: float, dy: float) -> dict[str, Any]:
    """One item's hit geometry in the chart's pixels."""
    x, y = dx + item.get("x", 0), dy + item.get("y", 0)
    if marktype == "rect":
        width = item.get("width", item["x2"] - item.get("x", 0) if "x2" in item else 0)
        height = item.get("height", item["y2"] - item.get("y", 0) if "y2" in item else 0)
        return {"kind": "rect", "x": x, "y": y, "w": width, "h": height}
    if marktype == "symbol":  # every shape is hit as its disc, as wide as the symbol
        return {"kind": "circle", "x": x, "y": y, "r": math.sqrt(item.get("size", 64)) / 2}
    if marktype == "rule":
        return {"kind": "segment", "x": x, "y": y, "x2": dx + item.get("x2", item.get("x", 0)),
                "y2": dy + item.get("y2", item.get("y", 0)), "stroke": item.get("strokeWidth", 1)}
    if marktype == "text":  # the browser measures the words, in the fonts it drew the static chart with
        return {"kind": "text", "x": x + item.get("dx", 0), "y": y + item.get("dy", 0), "text": item.get("text", ""),
                "font": f"{item.get('fontStyle', 'normal')} {item.get('fontWeight', 'normal')} "
                        f"{item.get('fontSize', 11)}px {item.get('font', 'sans-serif')}",
                "size": item.get("fontSize", 11), "align": item.get("align", "left"),
                "baseline": item.get("baseline", "alphabetic"), "angle": item.get("angle", 0)}
    if marktype == "path":
        return {"kind": "path", "x": x, "y": y, "d": item["path"]}
    raise HitMapError(f"no hit geometry for a {marktype} mark")


def _walk(node: dict[str, Any], dx: float, dy: float, keys_of: dict[str, list[str] | None]) -> Iterator[dict[str, Any]]:
    """Every interactive item in drawing order, each with its absolute geometry and tooltip."""
    marktype, name = node.get("marktype"), node.get("name", "")
    items = node.get("items", [])
    if marktype == "group":
        for group in items:
            for child in group.get("items", []):
                yield from _walk(child, dx + group.get("x", 0), dy + group.get("y", 0), keys_of)
        return
    if node.get("interactive") is False or not items:
        return
    if marktype not in SHAPES:
        raise HitMapError(f"mark {name!r}: a {marktype} mark takes the pointer, and hit maps know no such mark")
    has_tip = name in keys_of
    if marktype == "line":  # Vega hits a line along its stroke and answers with its first point's item
        points = [[_number(dx + p.get("x", 0)), _number(dy + p.get("y", 0))] for p in items]
        yield {"kind": "polyline", "points": points, "stroke": items[0].get("strokeWidth", 1),
               "tip": _tip(items[0], keys_of[name], name) if has_tip else None}
        return
    for item in items:
        shape = _shape(marktype, item, dx, dy)
        shape = {k: _number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                 for k, v in shape.items()}
        shape["tip"] = _tip(item, keys_of[name], name) if has_tip else None
        yield shape


def hit_map(vega_spec: dict[str, Any]) -> dict[str, Any]:
    """The chart's size and every item that takes the pointer, topmost last, as the browser reads it."""
    spec = copy.deepcopy(vega_spec)
    keys_of: dict[str, list[str] | None] = {}
    _instrument(spec.get("marks", []), keys_of)
    scene = vlc.vega_to_scenegraph(spec)
    origin = scene.get("origin", [0, 0])
    items = list(_walk(scene["scenegraph"], origin[0], origin[1], keys_of))
    if not any(item["tip"] is not None for item in items):
        raise HitMapError("no mark of the chart carries a tooltip")
    return {"width": scene["width"], "height": scene["height"], "items": items}
