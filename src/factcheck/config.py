"""The project's settings file: `factcheck.toml`, or the `[tool.factcheck]` table of
`pyproject.toml`, read into one frozen `Settings` value. The settings are the defaults of
the command line's options: a flag overrides the file, and the file the built-in
defaults (the CLI wires this up; this module only finds, reads and validates).

    # factcheck.toml: the keys at the top level, no table
    paths = ["sources"]
    rules = "rules"
    out = "build/reports"
    formats = ["json", "md"]
    fail-on = "rounding"
    baseline = "rules/accepted.yaml"

`pyproject.toml` holds the same keys under `[tool.factcheck]`; one without that table is
no settings file. Paths are relative to the folder of the file that names them.

The file is found from the working folder up: in each folder `factcheck.toml` first,
then a `pyproject.toml` with `[tool.factcheck]`; the search ends at the first folder that
holds `.git` (the repository's root) or at the file system's root. It is checked like
the rules: an unknown key, a value of the wrong type, an unknown format or fail-on value is a
`ConfigError` that names the file and line, and so is invalid TOML.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.gate import FailOn
from factcheck.report import FORMATS
from factcheck.schema import MAX_RULES_CHARS

CONFIG_FILE = "factcheck.toml"
PYPROJECT_FILE = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "factcheck")
# what each key holds: a path, a list of paths, a list of formats, or a FailOn value
KEYS = {"paths": "paths", "rules": "path", "out": "path", "formats": "formats", "fail-on": "fail-on",
        "baseline": "path"}


class ConfigError(Exception):
    """A settings file is malformed; `str()` reads `path:line: what is wrong`, or
    `path: what is wrong` where no line can be named."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}" if line is not None else f"{path}: {message}")


@dataclass(frozen=True, slots=True)
class Settings:
    """What a settings file sets; a key it does not set is empty (`()` or None), and then
    the command's own default holds. `file` is the file read (None: no file); `lines` the
    line of each key set, for messages about its value."""

    file: Path | None = None
    paths: tuple[Path, ...] = ()
    rules: Path | None = None
    out: Path | None = None
    formats: tuple[str, ...] = ()
    fail_on: FailOn | None = None
    baseline: Path | None = None
    lines: tuple[tuple[str, int], ...] = ()

    def where(self, key: str) -> str:
        """`file:line` of the key, for a message about its value ("factcheck.toml:3")."""
        line = dict(self.lines).get(key)
        return f"{self.file}:{line}" if line is not None else str(self.file)


def table_of(path: Path) -> tuple[str, ...]:
    """Where a file keeps its settings: `pyproject.toml` under [tool.factcheck], any other
    file (`factcheck.toml`, or a file given with --config) at the top level."""
    return PYPROJECT_TABLE if path.name == PYPROJECT_FILE else ()


def parse_settings(text: str, path: Path) -> Settings | None:
    """The settings a file's text holds, with relative paths made relative to the file's
    folder; None for a pyproject.toml without [tool.factcheck]. Pure.

    >>> settings = parse_settings('out = "build/reports"\\nformats = ["json", "md"]\\n', Path("docs/factcheck.toml"))
    >>> settings.out, settings.formats
    (PosixPath('docs/build/reports'), ('json', 'md'))
    >>> parse_settings('out = "build"\\ncolour = "red"\\n', Path("factcheck.toml"))
    Traceback (most recent call last):
    ...
    factcheck.config.ConfigError: factcheck.toml:2: unknown key 'colour' (allowed: baseline, fail-on, formats, out, \
paths, rules)
    """
    name = str(path)
    if len(text) > MAX_RULES_CHARS:
        raise ConfigError(name, None, f"larger than {MAX_RULES_CHARS:,} characters: not read as settings")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(name, str(error), text) from None
    except RecursionError:
        raise ConfigError(name, None, "nested too deeply to be settings") from None
    table = table_of(path)
    for depth, part in enumerate(table):
        if part not in data:
            return None
        data = data[part]
        if not isinstance(data, dict):
            raise ConfigError(name, line_of_key(text, table[:depth], part),
                              f"{'.'.join(table[:depth + 1])} must be a table")
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, value in data.items():
        line = line_of_key(text, table, key)
        if key not in KEYS:
            raise ConfigError(name, line, _unknown_key(key, table))
        values[key.replace("-", "_")] = _checked(value, KEYS[key], key, path, line)
        if line is not None:
            lines[key] = line
    return Settings(file=path, lines=tuple(sorted(lines.items())), **values)


def _unknown_key(key: str, table: tuple[str, ...]) -> str:
    message = f"unknown key {key!r}" + (f" in [{'.'.join(table)}]" if table else "")
    message += f" (allowed: {', '.join(sorted(KEYS))})"
    if key.replace("_", "-") in KEYS:
        message += f"; did you mean {key.replace('_', '-')!r}?"
    elif not table and key == "tool":
        message += f"; {CONFIG_FILE} holds its settings at the top level, without [tool.factcheck]"
    return message


def _checked(value: Any, kind: str, key: str, path: Path, line: int | None) -> Any:
    """A key's value, checked and converted: paths joined to the file's folder."""
    name = str(path)
    if kind == "path":
        return path.parent / _path_text(value, key, name, line)
    if kind == "fail-on":
        choices = [f.value for f in FailOn]
        if value not in choices:
            raise ConfigError(name, line, f"{key} must be one of {', '.join(choices)}, not {value!r}")
        return FailOn(value)
    if not isinstance(value, list) or not value:
        raise ConfigError(name, line, f"{key} must be a non-empty list of strings, not {value!r}")
    if kind == "paths":
        return tuple(path.parent / _path_text(item, key, name, line) for item in value)
    unknown = [item for item in value if item not in FORMATS]
    if unknown:
        raise ConfigError(name, line, f"formats: unknown format {unknown[0]!r} (choose from {', '.join(FORMATS)})")
    return tuple(value)


def _path_text(value: Any, key: str, name: str, line: int | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(name, line, f"{key} must be a non-empty string (a path), not {value!r}")
    return value


def _syntax_error(name: str, message: str, text: str) -> ConfigError:
    """tomllib's message, with its line made the error's line: "Invalid value (at line 3,
    column 8)" is `name:3: not valid TOML: Invalid value (column 8)`; a message "at end of
    document" names the last line that is not blank."""
    found = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if found is None:
        return ConfigError(name, text.rstrip().count("\n") + 1, f"not valid TOML: {message}")
    return ConfigError(name, int(found[1]), f"not valid TOML: {message[:found.start()]} (column {found[2]})")


# A TOML key at the start of a line (bare, quoted or dotted), up to its `=`; and a
# [table] or [[array of tables]] header.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_KEY_LINE = re.compile(rf"\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_HEADER_LINE = re.compile(rf"\s*\[\[?\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*\]\]?\s*(?:#.*)?$")


def _key_names(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip()[1:-1] if part.strip()[:1] in "\"'" else part.strip()
                 for part in re.findall(rf"{_KEY_PART}", dotted))


def line_of_key(text: str, table: tuple[str, ...], key: str) -> int | None:
    """The line that sets `key` in `table` (() for the top level), 1-based: tomllib keeps
    no lines, so this looks for the key at the start of a line, with the [header] last
    seen before it as its table. It finds `key = ...` under the table's header, a dotted
    key that reaches it from an enclosing table (`factcheck.out = ...` under [tool]) and
    a header of its own ([tool.factcheck.key]); lines inside a multi-line string are
    skipped. A key set inside an inline table is not found: then the line that opens the
    table, or None.

    >>> line_of_key('[project]\\nname = "x"\\n\\n[tool.factcheck]\\nout = "build"\\n', ("tool", "factcheck"), "out")
    5
    """
    current: tuple[str, ...] = ()
    found_table: int | None = None
    in_string = None  # the quotes of the multi-line string a line is inside
    for number, line in enumerate(text.split("\n"), 1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        header = _HEADER_LINE.match(line)
        if header:
            current = _key_names(header[1])
            full = current
        else:
            assignment = _KEY_LINE.match(line)
            if assignment is None:
                continue
            full = current + _key_names(assignment[1])
            rest = line[assignment.end():]
            in_string = next((quotes for quotes in ('"""', "'''") if rest.count(quotes) % 2), None)
        if full[:len(table) + 1] == (*table, key):
            return number
        if found_table is None and table and full[:len(table)] == table:
            found_table = number
    return found_table


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(str(path), None, f"not UTF-8 ({error.reason})") from None
    except OSError as error:
        raise ConfigError(str(path), None, f"cannot be read: {error.strerror or error}") from None


def read_settings(path: Path) -> Settings:
    """The settings of one file (given with --config); a pyproject.toml without
    [tool.factcheck], a file that cannot be read or is not UTF-8 is a `ConfigError`."""
    settings = parse_settings(_read_text(path), path)
    if settings is None:
        raise ConfigError(str(path), None, f"no [{'.'.join(PYPROJECT_TABLE)}] table")
    return settings


def find_settings(start: Path = Path(".")) -> Settings:
    """The settings of the file found from `start` up (see the module's docstring); empty
    `Settings()` when there is none. The file's path is `start` with one `..` per folder
    up, so a file in the working folder gives paths as one would type them ("seeds")."""
    folder, relative = start.resolve(), start
    while True:
        for name in (CONFIG_FILE, PYPROJECT_FILE):
            if (folder / name).is_file():
                settings = parse_settings(_read_text(relative / name), relative / name)
                if settings is not None:
                    return settings
        if (folder / ".git").exists() or folder.parent == folder:
            return Settings()
        folder, relative = folder.parent, relative / ".."
