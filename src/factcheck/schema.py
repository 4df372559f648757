"""Validated YAML: the one reader behind every YAML file factcheck takes (the rules,
`accepted.yaml`, the sources' sidecar).

A file is composed into YAML nodes (which keep their lines), refused when it is too
large, nested too deeply or expands its aliases past a cap, and converted against a
`Schema`: an unknown key, a missing required key, a blank value, a value of the wrong type
or a number out of its range is a `RulesError` that reads `path:line: what is wrong`.
This module sits below the rules and the review package, and imports nothing of
factcheck.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class RulesError(Exception):
    """A rules file is malformed; `str()` reads `path:line: what is wrong`."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line if line is not None else 1}: {message}")


NUMBER = (int, float)


@dataclass(frozen=True)
class Schema:
    """What a YAML file must hold.

    `shape` is a Python type (`str`, `bool`, `NUMBER`), a list schema `[item]`, or a dict
    of key -> schema; a dict with the single key `"*"` maps any key to that schema.
    `required` names, by where a mapping sits (a trail of keys, `"*"` for any key), the
    keys it must hold. `ranges` gives, by where a number sits, (least, most, whether the
    least itself is allowed); every number must also be finite.
    """

    shape: Any
    required: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    ranges: Mapping[tuple[str, ...], tuple[float, float, bool]] = field(default_factory=dict)


def _check_range(value: float, trail: tuple[str, ...], where: str, path: str, line: int,
                 ranges: Mapping[tuple[str, ...], tuple[float, float, bool]]) -> None:
    if not math.isfinite(value):
        raise RulesError(path, line, f"{where} must be a finite number, not {value}")
    for pattern, (least, most, least_allowed) in ranges.items():
        if len(pattern) == len(trail) and all(p in ("*", t) for p, t in zip(pattern, trail)):
            if value > most or value < least or (value == least and not least_allowed):
                low = f"{'at least' if least_allowed else 'more than'} {least:g}"
                raise RulesError(path, line, f"{where} must be {low}" + (f" and at most {most:g}" if math.isfinite(most)
                                                                          else "") + f", not {value:g}")


def _type_name(expected: Any) -> str:
    if expected is str:
        return "a string"
    if expected == NUMBER:
        return "a number"
    if expected is bool:
        return "true or false"
    if isinstance(expected, list):
        return "a list"
    return "a mapping"


def convert(node: yaml.Node, schema: Schema, path: str) -> Any:
    """The Python value of `node` checked against `schema`: dicts, lists, strings
    (stripped), floats and booleans. Raises `RulesError` naming `path` and the line."""
    return _convert(node, schema.shape, path, (), schema)


def _convert(node: yaml.Node, shape: Any, path: str, trail: tuple[str, ...], schema: Schema) -> Any:
    line = node.start_mark.line + 1
    where = ".".join(trail) or "top level"
    if isinstance(shape, dict):
        if not isinstance(node, yaml.MappingNode):
            raise RulesError(path, line, f"{where} must be a mapping")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if not isinstance(key_node, yaml.ScalarNode):
                raise RulesError(path, key_node.start_mark.line + 1, f"{where}: keys must be plain names")
            if "*" in shape:
                sub, sub_trail = shape["*"], (*trail, "*")
            elif key in shape:
                sub, sub_trail = shape[key], (*trail, key)
            else:
                allowed = ", ".join(sorted(shape))
                raise RulesError(path, key_node.start_mark.line + 1,
                                 f"unknown key {key!r} in {where} (allowed: {allowed})")
            if key in result:
                raise RulesError(path, key_node.start_mark.line + 1, f"duplicate key {key!r} in {where}")
            result[key] = _convert(value_node, sub, path, (*trail, key), schema)
            required = schema.required.get(sub_trail)
            if required:
                missing = [name for name in required if name not in result[key]]
                if missing:
                    raise RulesError(path, value_node.start_mark.line + 1, f"{'.'.join((*trail, key))}: missing {', '.join(missing)}")
        return result
    if isinstance(shape, list):
        if not isinstance(node, yaml.SequenceNode):
            raise RulesError(path, line, f"{where} must be a list")
        return [_convert(item, shape[0], path, trail, schema) for item in node.value]
    if not isinstance(node, yaml.ScalarNode):
        raise RulesError(path, line, f"{where} must be {_type_name(shape)}")
    if node.tag == "tag:yaml.org,2002:null":  # `label:` with nothing after it, or `~`
        raise RulesError(path, line, f"{where} has no value: it must be {_type_name(shape)}")
    # a date written without quotes is a YAML timestamp; where a string is expected, its text is meant
    keep_text = node.tag == "tag:yaml.org,2002:str" or (shape is str and node.tag == "tag:yaml.org,2002:timestamp")
    value = node.value if keep_text else yaml.safe_load(yaml.serialize(node))
    if shape is bool:
        if not isinstance(value, bool):
            raise RulesError(path, line, f"{where} must be true or false, not {node.value!r}")
        return value
    if shape == NUMBER:
        if isinstance(value, bool) or not isinstance(value, NUMBER):
            raise RulesError(path, line, f"{where} must be a number, not {node.value!r}")
        _check_range(float(value), trail, where, path, line, schema.ranges)
        return float(value)
    if not isinstance(value, str) or not value.strip():
        raise RulesError(path, line, f"{where} must be a non-empty string, not {node.value!r}")
    return value.strip()


# Limits on a rules or sidecar file, far above any real one (the project's largest rules
# file is about 100 KB; an accepted.yaml of ten thousand reviews about 5 MB), so a
# hostile or broken file is refused at once rather than read for minutes.
MAX_RULES_CHARS = 32 * 2**20
# values a file may expand to once its aliases (`*name`) are followed: a few aliases
# nested can otherwise stand for billions of values
MAX_RULES_VALUES = 2_000_000


def compose(text: str, path: str) -> yaml.Node | None:
    """The YAML node tree of a rules text; a text too large, nested too deeply, not valid
    YAML or whose aliases expand past `MAX_RULES_VALUES` is a `RulesError`."""
    if len(text) > MAX_RULES_CHARS:
        raise RulesError(path, None, f"larger than {MAX_RULES_CHARS:,} characters: not read as rules")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise RulesError(path, mark.line + 1 if mark else None, f"not valid YAML: {error.problem}") from None
    except RecursionError:
        raise RulesError(path, None, "nested too deeply to be rules") from None
    if node is not None:
        check_expansion(node, path)
    return node


def check_expansion(root: yaml.Node, path: str) -> None:
    """Count the values `root` stands for with its aliases followed, without recursion,
    and stop at `MAX_RULES_VALUES`."""
    waiting, count = [root], 0
    while waiting:
        node = waiting.pop()
        count += 1
        if count > MAX_RULES_VALUES:
            raise RulesError(path, node.start_mark.line + 1,
                             f"its aliases expand to more than {MAX_RULES_VALUES:,} values: not read as rules")
        if isinstance(node, yaml.SequenceNode):
            waiting.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                waiting.extend((key, value))


def parse_yaml(text: str, path: str, schema: Schema) -> Any:
    """The value of a YAML text checked against `schema` ({} for an empty text); every
    error is a `RulesError` naming `path` and the line."""
    node = compose(text, path)
    if node is None:
        return {}
    return convert(node, schema, path)


def read_text(path: Path) -> str:
    """The UTF-8 text of a YAML file; unreadable or not UTF-8 is a `RulesError`."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise RulesError(str(path), None, f"not UTF-8 ({error.reason})") from None
    except OSError as error:
        raise RulesError(str(path), None, f"cannot be read: {error.strerror or error}") from None
